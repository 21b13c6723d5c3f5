package io.memstone.engine;

import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The Redis engine of one shard: a keyspace and the commands over it. Single-threaded: the
 * caller serializes {@link #apply} and {@link #read} (the Raft state machine holds a lock).
 * Time and randomness come only from the batch (writes) or the caller's clock (reads, which
 * never change state), so replicas applying the same log hold the same data.
 */
public final class Engine {
    private final Keyspace keyspace = new Keyspace();
    private static final CommandRegistry REGISTRY = CommandRegistry.standard();

    /** Applies one log entry: every command in order, one reply each. */
    public List<Reply> apply(CommandBatch batch) {
        Random random = new Random(batch.getSeed());
        List<Reply> replies = new ArrayList<>(batch.getCommandsCount());
        for (Command c : batch.getCommandsList()) {
            replies.add(execute(argv(c), new CommandContext(keyspace, batch.getTimestampMs(), random, false)));
        }
        return replies;
    }

    /** Runs a read-only command against the current state at {@code nowMs}; changes nothing. */
    public Reply read(byte[][] argv, long nowMs) {
        return execute(argv, new CommandContext(keyspace, nowMs, null, true));
    }

    /** True when the engine implements this (lower-case) command name. */
    public static boolean handles(String name) {
        return REGISTRY.lookup(name) != null;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    private Reply execute(byte[][] argv, CommandContext ctx) {
        CommandHandler h = REGISTRY.lookup(CommandContext.lowerName(argv[0]));
        if (h == null) {
            return Reply.error("ERR unknown command '" + new String(argv[0], java.nio.charset.StandardCharsets.UTF_8) + "'");
        }
        ctx.setArgv(argv);
        return h.execute(ctx);
    }

    private static byte[][] argv(Command c) {
        byte[][] argv = new byte[c.getArgsCount()][];
        for (int i = 0; i < argv.length; i++) argv[i] = c.getArgs(i).toByteArray();
        return argv;
    }
}
