package io.memstone.bench;

import com.google.protobuf.ByteString;
import io.memstone.engine.Engine;
import io.memstone.engine.Reply;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds commands and log entries for the engine benchmarks, and loads data in bulk. */
final class Commands {
    private Commands() {}

    static final int LOAD_BATCH = 1000;

    static byte[][] argv(String... words) {
        byte[][] argv = new byte[words.length][];
        for (int i = 0; i < words.length; i++) argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
        return argv;
    }

    static Command command(byte[]... argv) {
        Command.Builder c = Command.newBuilder();
        for (byte[] a : argv) c.addArgs(ByteString.copyFrom(a));
        return c.build();
    }

    static CommandBatch batch(List<Command> commands, long seed) {
        return CommandBatch.newBuilder().setTimestampMs(1_700_000_000_000L).setSeed(seed).addAllCommands(commands).build();
    }

    /** Applies the commands in log entries of {@link #LOAD_BATCH}; fails on any error reply. */
    static void load(Engine engine, Iterable<Command> commands) {
        CommandBatch.Builder b = CommandBatch.newBuilder().setTimestampMs(1_700_000_000_000L);
        for (Command c : commands) {
            b.addCommands(c);
            if (b.getCommandsCount() == LOAD_BATCH) applyChecked(engine, b);
        }
        if (b.getCommandsCount() > 0) applyChecked(engine, b);
    }

    private static void applyChecked(Engine engine, CommandBatch.Builder b) {
        for (Reply r : engine.apply(b.build())) {
            if (r.isError()) throw new IllegalStateException("load failed: " + r);
        }
        b.clearCommands();
    }
}
