package io.memstone.gateway;

import com.google.protobuf.ByteString;
import io.memstone.engine.Engine;
import io.memstone.engine.Reply;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A one-shard {@link CommandExecutor} over a real engine, for gateway tests: writes are applied
 * as one-command batches stamped with the wall clock and a random seed, reads run against the
 * current state. A single worker thread keeps the FIFO order the contract asks for and makes
 * every reply arrive asynchronously, as it does from Raft.
 */
final class EngineExecutor implements CommandExecutor, ServerInfo, AutoCloseable {
    private final Engine engine = new Engine();
    private final Random seeds = new Random();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "engine-executor");
        t.setDaemon(true);
        return t;
    });

    @Override
    public CompletableFuture<Reply> execute(int slot, byte[][] argv, boolean write) {
        return CompletableFuture.supplyAsync(() -> run(argv, write), worker);
    }

    @Override
    public CompletableFuture<List<Reply>> executeOnAllShards(byte[][] argv, boolean write) {
        return CompletableFuture.supplyAsync(() -> List.of(run(argv, write)), worker);
    }

    private Reply run(byte[][] argv, boolean write) {
        long now = System.currentTimeMillis();
        if (!write) return engine.read(argv, now);
        Command.Builder command = Command.newBuilder();
        for (byte[] arg : argv) command.addArgs(ByteString.copyFrom(arg));
        CommandBatch batch = CommandBatch.newBuilder()
                .setTimestampMs(now).setSeed(seeds.nextLong()).addCommands(command).build();
        return engine.apply(batch).get(0);
    }

    @Override
    public String nodeId() {
        return "n1";
    }

    @Override
    public String zone() {
        return "zone-a";
    }

    @Override
    public int port() {
        return 0;
    }

    @Override
    public Map<String, String> raftInfo() {
        return Map.of("raft_role", "leader");
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
