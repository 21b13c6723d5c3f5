package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The leader's maxmemory decision for a batch, and the engine applying it. */
class MemoryAdmissionTest {
    private static final long T0 = 1_700_000_000_000L;
    private final Engine engine = new Engine();
    private final MemoryAdmission admission = new MemoryAdmission();
    private MemoryPolicy policy = MemoryPolicy.DEFAULT;
    private long seed;

    MemoryAdmissionTest() {
        engine.useMemoryPolicy(() -> policy);
    }

    private void limit(long maxmemory, EvictionPolicy p) {
        policy = new MemoryPolicy(maxmemory, p, 5, 10, 1);
    }

    /** Admits and applies one command at {@code now}, as the leader then every replica would. */
    private Reply write(long now, String... argv) {
        byte[][] command = RawRespClient.toBytes(argv);
        MemoryAdmission.Decision d = admission.admit(engine, List.<byte[][]>of(command), policy, now);
        CommandBatch.Builder b = CommandBatch.newBuilder().setTimestampMs(now).setSeed(seed++)
                .setOverMaxmemory(d.overMaxmemory()).addCommands(command(command));
        d.evict().forEach(k -> b.addEvict(ByteString.copyFrom(k)));
        Reply reply = engine.apply(b.build()).get(0);
        admission.applied(d.evict(), List.<byte[][]>of(command));
        return reply;
    }

    private static Command command(byte[][] argv) {
        Command.Builder c = Command.newBuilder();
        for (byte[] a : argv) c.addArgs(ByteString.copyFrom(a));
        return c.build();
    }

    private boolean exists(String key) {
        return engine.keyspace().get(new Key(key.getBytes(StandardCharsets.UTF_8)), T0) != null;
    }

    private Reply read(long now, String... argv) {
        return engine.read(RawRespClient.toBytes(argv), now);
    }

    @Test
    void noevictionRefusesGrowingCommandsOnlyOnceOverTheLimit() {
        write(T0, "set", "a", "x".repeat(500));
        limit(engine.dataBytes(), EvictionPolicy.NOEVICTION);
        assertEquals(new Reply.Simple("OK"), write(T0, "set", "b", "y"), "at the limit, not over it: allowed");
        assertTrue(write(T0, "set", "c", "z") instanceof Reply.Error e && e.text().startsWith("OOM "));
        assertEquals(Reply.integer(1), write(T0, "del", "b"), "deletes go on");
    }

    @Test
    void allkeysLruEvictsColdKeysAndKeepsTheDataUnderTheLimit() {
        limit(20_000, EvictionPolicy.ALLKEYS_LRU);
        List<String> hot = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long now = T0 + i;
            write(now, "set", "k" + i, "v".repeat(100));
            if (i % 10 == 0) hot.add("k" + i);
            for (String h : hot) read(now, "get", h);
            assertTrue(engine.dataBytes() <= policy.maxmemory(), "after SET k" + i + ": " + engine.dataBytes());
        }
        assertTrue(engine.evictedKeys() > 200, "evicted " + engine.evictedKeys());
        long hotKept = hot.stream().filter(this::exists).count();
        assertTrue(hotKept >= hot.size() - 2, "hot keys kept: " + hotKept + " of " + hot.size());
    }

    @Test
    void allkeysLfuKeepsFrequentlyReadKeys() {
        limit(20_000, EvictionPolicy.ALLKEYS_LFU);
        for (int i = 0; i < 20; i++) write(T0, "set", "hot" + i, "v".repeat(100));
        for (int n = 0; n < 50; n++) for (int i = 0; i < 20; i++) read(T0, "get", "hot" + i);
        for (int i = 0; i < 400; i++) write(T0 + i, "set", "cold" + i, "v".repeat(100));
        for (int i = 0; i < 20; i++) assertTrue(exists("hot" + i), "hot" + i + " was evicted");
    }

    @Test
    void volatileTtlEvictsNearerExpiriesFirstAndNeverAKeyWithout() {
        for (int i = 0; i < 50; i++) write(T0, "set", "p" + i, "v".repeat(100));
        for (int i = 0; i < 50; i++) write(T0, "set", "t" + i, "v".repeat(100), "px", Integer.toString(100_000 + i * 1000));
        limit(engine.dataBytes() - 20 * 150, EvictionPolicy.VOLATILE_TTL);
        write(T0, "set", "new", "v".repeat(100));
        for (int i = 0; i < 50; i++) assertTrue(exists("p" + i), "p" + i + " has no expiry");
        // Sampled, as in Redis: not exactly the nearest, but the evicted expire sooner than the kept.
        double evicted = 0, kept = 0;
        int evictedCount = 0;
        for (int i = 0; i < 50; i++) {
            if (exists("t" + i)) {
                kept += i;
            } else {
                evicted += i;
                evictedCount++;
            }
        }
        assertTrue(evictedCount >= 20, "evicted " + evictedCount);
        assertTrue(evicted / evictedCount + 10 < kept / (50 - evictedCount),
                "mean rank evicted " + evicted / evictedCount + ", kept " + kept / (50 - evictedCount));
    }

    @Test
    void writesAtTheLimitKeepSucceedingUnderEveryEvictingPolicy() {
        for (EvictionPolicy p : List.of(EvictionPolicy.VOLATILE_TTL, EvictionPolicy.VOLATILE_LRU, EvictionPolicy.VOLATILE_LFU,
                EvictionPolicy.VOLATILE_RANDOM, EvictionPolicy.ALLKEYS_LRU, EvictionPolicy.ALLKEYS_LFU, EvictionPolicy.ALLKEYS_RANDOM)) {
            write(T0, "flushall");
            limit(0, p);
            for (int i = 0; i < 60; i++) write(T0, "setex", "{ev}t" + i, Integer.toString(1000 + 10 * i), "v".repeat(1000));
            limit(engine.dataBytes() + 20_000, p);
            for (int i = 0; i < 40; i++) {
                assertEquals(new Reply.Simple("OK"), write(T0 + i, "set", "{ev}n" + i, "v".repeat(1000)), p + ": SET n" + i);
                assertTrue(engine.dataBytes() <= policy.maxmemory(), p + ": after SET n" + i);
            }
        }
    }

    @Test
    void volatilePolicyWithoutVolatileKeysAnswersOom() {
        for (int i = 0; i < 10; i++) write(T0, "set", "p" + i, "v");
        for (EvictionPolicy p : List.of(EvictionPolicy.VOLATILE_LRU, EvictionPolicy.VOLATILE_LFU,
                EvictionPolicy.VOLATILE_RANDOM, EvictionPolicy.VOLATILE_TTL)) {
            limit(1, p);
            assertTrue(write(T0, "set", "p0", "w") instanceof Reply.Error e && e.text().startsWith("OOM "), p.name());
        }
        assertEquals(0, engine.evictedKeys());
    }

    @Test
    void randomPoliciesEvictOnlyWhatTheyMay() {
        for (int i = 0; i < 100; i++) write(T0, "set", "p" + i, "v".repeat(50));
        for (int i = 0; i < 100; i++) write(T0, "set", "t" + i, "v".repeat(50), "ex", "1000");
        limit(engine.dataBytes() / 2, EvictionPolicy.VOLATILE_RANDOM);
        write(T0, "set", "new", "v");
        for (int i = 0; i < 100; i++) assertTrue(exists("p" + i));
        assertTrue(engine.dataBytes() <= policy.maxmemory());
        limit(engine.dataBytes() / 2, EvictionPolicy.ALLKEYS_RANDOM);
        write(T0, "set", "new2", "v");
        assertTrue(engine.dataBytes() <= policy.maxmemory());
    }

    @Test
    void batchesInFlightAreCountedOnce() {
        limit(10_000, EvictionPolicy.ALLKEYS_RANDOM);
        for (int i = 0; i < 100; i++) write(T0, "set", "k" + i, "v".repeat(100));
        // Three batches admitted before any applies: no victim chosen twice, and room for all three.
        Set<String> chosen = new HashSet<>();
        List<MemoryAdmission.Decision> decisions = new ArrayList<>();
        List<byte[][]> commands = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            byte[][] c = RawRespClient.toBytes("set", "n" + n, "w".repeat(2000));
            commands.add(c);
            MemoryAdmission.Decision d = admission.admit(engine, List.<byte[][]>of(c), policy, T0);
            decisions.add(d);
            for (byte[] k : d.evict()) assertTrue(chosen.add(new String(k, StandardCharsets.UTF_8)), "chosen twice");
        }
        for (int n = 0; n < 3; n++) {
            CommandBatch.Builder b = CommandBatch.newBuilder().setTimestampMs(T0).setSeed(n).addCommands(command(commands.get(n)));
            decisions.get(n).evict().forEach(k -> b.addEvict(ByteString.copyFrom(k)));
            engine.apply(b.build());
            admission.applied(decisions.get(n).evict(), List.<byte[][]>of(commands.get(n)));
        }
        assertTrue(engine.dataBytes() <= policy.maxmemory(), "after three batches in flight: " + engine.dataBytes());
    }

    @Test
    void anOverMaxmemoryTransactionIsAbortedAsRedisDoes() {
        write(T0, "set", "a", "x");
        limit(1, EvictionPolicy.NOEVICTION);
        byte[][] exec = TransactionArgs.exec(List.of(), List.<byte[][]>of(RawRespClient.toBytes("set", "b", "y")));
        CommandBatch batch = CommandBatch.newBuilder().setTimestampMs(T0).setOverMaxmemory(true).addCommands(command(exec)).build();
        assertEquals(Reply.error("EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'."),
                engine.apply(batch).get(0));
    }
}
