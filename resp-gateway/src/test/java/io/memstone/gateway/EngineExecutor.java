package io.memstone.gateway;

import com.google.protobuf.ByteString;
import io.memstone.engine.Engine;
import io.memstone.engine.Reply;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import io.memstone.command.Slots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link CommandExecutor} over real engines, one per shard with equal slot ranges, for
 * gateway tests: writes are applied as one-command batches stamped with the wall clock and a
 * random seed, reads run against the current state. A single worker thread keeps the FIFO
 * order the contract asks for and makes every reply arrive asynchronously, as it does from Raft.
 */
final class EngineExecutor implements CommandExecutor, ServerInfo, ReadyKeySource, AutoCloseable {
    private final List<java.util.function.Consumer<List<byte[]>>> readyKeyListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Engine[] engines;
    private final Random seeds = new Random();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "engine-executor");
        t.setDaemon(true);
        return t;
    });

    EngineExecutor() {
        this(1);
    }

    EngineExecutor(int shards) {
        engines = new Engine[shards];
        for (int i = 0; i < shards; i++) engines[i] = new Engine();
    }

    @Override
    public CompletableFuture<Reply> execute(int slot, byte[][] argv, boolean write) {
        return executeOnShard(slot * engines.length / Slots.COUNT, argv, write);
    }

    @Override
    public CompletableFuture<Reply> executeOnReplica(int slot, byte[][] argv) {
        return execute(slot, argv, false);
    }

    @Override
    public int shardCount() {
        return engines.length;
    }

    @Override
    public CompletableFuture<Reply> executeOnShard(int shard, byte[][] argv, boolean write) {
        return CompletableFuture.supplyAsync(() -> run(engines[shard], argv, write), worker);
    }

    private Reply run(Engine engine, byte[][] argv, boolean write) {
        long now = System.currentTimeMillis();
        if (!write) return engine.read(argv, now);
        Command.Builder command = Command.newBuilder();
        for (byte[] arg : argv) command.addArgs(ByteString.copyFrom(arg));
        CommandBatch batch = CommandBatch.newBuilder()
                .setTimestampMs(now).setSeed(seeds.nextLong()).addCommands(command).build();
        Reply reply = engine.apply(batch).get(0);
        List<byte[]> ready = engine.readyKeys();
        if (!ready.isEmpty()) readyKeyListeners.forEach(l -> l.accept(ready));
        return reply;
    }

    /** Every write is applied here, so every key that receives elements is reported. */
    @Override
    public void onReadyKeys(java.util.function.Consumer<List<byte[]>> listener) {
        readyKeyListeners.add(listener);
    }

    @Override
    public boolean covers(int slot) {
        return true;
    }

    /**
     * Holds the worker until the returned latch opens: what the gateway sends meanwhile waits,
     * in order, as it would behind a slow Raft round trip.
     */
    java.util.concurrent.CountDownLatch hold() {
        java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);
        worker.execute(() -> {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return open;
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

    /** One node, leading every shard. */
    @Override
    public ClusterView cluster() {
        List<ClusterView.Shard> shards = new ArrayList<>();
        for (int i = 0; i < engines.length; i++) {
            int[] range = {i * Slots.COUNT / engines.length, (i + 1) * Slots.COUNT / engines.length - 1};
            shards.add(new ClusterView.Shard("shard-" + i, List.<int[]>of(range), List.of("n1"), "n1", true));
        }
        return new ClusterView("n1", 1, List.of(new ClusterView.Node("n1", "127.0.0.1", port(), 0)), shards);
    }

    /** Read off the worker thread: a racy figure, at most a command behind, as a follower's would be. */
    @Override
    public long dataBytes() {
        return sum(Engine::dataBytes);
    }

    @Override
    public long shardDataBytes(int slot) {
        return engines[slot * engines.length / Slots.COUNT].dataBytes();
    }

    @Override
    public long evictedKeys() {
        return sum(Engine::evictedKeys);
    }

    private long sum(java.util.function.ToLongFunction<Engine> figure) {
        long total = 0;
        for (Engine e : engines) total += figure.applyAsLong(e);
        return total;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
