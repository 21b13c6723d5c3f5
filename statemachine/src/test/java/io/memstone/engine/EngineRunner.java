package io.memstone.engine;

import com.google.protobuf.ByteString;
import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.util.Arrays;

/**
 * Runs commands against an {@link Engine} the way the gateway will: arity checked against the
 * command table first, writes applied as a one-command batch at the current time, reads through
 * the read path; the reply encoded as RESP2 bytes, ready to compare with redis-server's.
 */
final class EngineRunner {
    private final Engine engine = new Engine();
    private long seed;
    /** The batch the last call applied, null if it ran on the read path: for another replica. */
    private CommandBatch lastBatch;

    Engine engine() {
        return engine;
    }

    byte[] call(byte[]... argv) {
        return RespWriter.encode(reply(argv, false), RespWriter.RESP2);
    }

    /** Like {@link #call}, but through the log even for a read-only command. */
    byte[] callAsWrite(byte[]... argv) {
        return RespWriter.encode(reply(argv, true), RespWriter.RESP2);
    }

    /** The engine's reply, before RESP encoding. */
    Reply reply(byte[]... argv) {
        return reply(argv, false);
    }

    CommandBatch lastBatch() {
        return lastBatch;
    }

    Reply reply(byte[][] argv, boolean asWrite) {
        lastBatch = null;
        CommandSpec spec = CommandTable.redis().lookup(CommandContext.lowerName(argv[0]));
        if (spec == null) throw new IllegalArgumentException("not a Redis command: " + Arrays.toString(argv));
        if (!spec.arityMatches(argv.length)) return Errors.wrongArity(spec.fullName());
        CommandSpec sub = argv.length > 1 ? spec.subcommand(CommandContext.lowerName(argv[1])) : null;
        // The gateway's CommandCatalog refuses an unknown subcommand before any engine sees it.
        if (sub == null && !spec.subcommands().isEmpty() && argv.length > 1) return Errors.unknownSubcommand(argv);
        CommandSpec resolved = sub != null ? sub : spec;
        long now = System.currentTimeMillis();
        // Reads flagged READONLY (PFCOUNT) stay on the read path unless asked: see callAsWrite.
        boolean logged = resolved.goesThroughLog() && !resolved.isReadOnly();
        if (!logged && !asWrite) return engine.read(argv, now);
        return applied(argv, now);
    }

    /** One of Memstone's internal commands ({@code __config}...), through the log as a node sends it. */
    Reply internal(byte[]... argv) {
        return applied(argv, System.currentTimeMillis());
    }

    private Reply applied(byte[][] argv, long now) {
        Command.Builder c = Command.newBuilder();
        for (byte[] a : argv) c.addArgs(ByteString.copyFrom(a));
        CommandBatch batch = CommandBatch.newBuilder().setTimestampMs(now).setSeed(seed++).addCommands(c).build();
        lastBatch = batch;
        return engine.apply(batch).get(0);
    }
}
