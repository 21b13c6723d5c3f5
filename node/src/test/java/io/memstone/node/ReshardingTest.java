package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.proto.admin.AddShardRequest;
import io.memstone.proto.admin.AdminServiceGrpc;
import io.memstone.proto.admin.MoveSlotsRequest;
import io.memstone.proto.admin.RemoveShardRequest;
import io.memstone.proto.admin.SlotRangeSpec;
import io.memstone.raft.LogPayloadMode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * Online resharding through the admin service while 8 writers keep setting and deleting keys
 * through all three gateways: move a third of the slots from one shard to another, add a shard
 * and give it its share, then remove it again. Afterwards every key holds exactly what its last
 * acknowledged write left (absent after an acknowledged DEL): nothing lost, duplicated or
 * resurrected.
 */
class ReshardingTest {
    private static final int WRITERS = 8;
    private static final int KEYS_PER_WRITER = 400;

    @Test
    @Timeout(300)
    void movesAndShardChangesUnderLoadKeepEveryAcknowledgedWrite() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            AdminServiceGrpc.AdminServiceBlockingStub admin = cluster.admin(1);
            Writers writers = new Writers(cluster);
            try {
                writers.start();
                writers.awaitOperations(2000);

                String moved = lastStep(admin.withDeadlineAfter(120, TimeUnit.SECONDS).moveSlots(MoveSlotsRequest.newBuilder()
                        .addRanges(SlotRangeSpec.newBuilder().setFirst(0).setLast(5460)).setToShard("shard-1").build()));
                assertTrue(moved.startsWith("shard-0 -> shard-1 (slots 0-5460): done"), moved);
                assertMasters(cluster, 16384);
                writers.awaitOperations(2000);

                String added = "shard-3";
                assertEquals(added + " serves 4096 slots", lastStep(admin.withDeadlineAfter(120, TimeUnit.SECONDS)
                        .addShard(AddShardRequest.getDefaultInstance())));
                assertMasters(cluster, 16384);
                writers.awaitOperations(2000);

                lastStep(admin.withDeadlineAfter(120, TimeUnit.SECONDS)
                        .removeShard(RemoveShardRequest.newBuilder().setShard(added).build()));
                assertMasters(cluster, 16384);
                writers.awaitOperations(2000);
            } finally {
                writers.stop();
            }
            writers.check(cluster);
        }
    }

    /** Follows a streamed operation to its end; returns what its last step says. */
    private static String lastStep(java.util.Iterator<io.memstone.proto.admin.Progress> steps) {
        List<io.memstone.proto.admin.Progress> all = AdminServiceTest.drain(steps);
        io.memstone.proto.admin.Progress last = all.get(all.size() - 1);
        assertEquals(last.getTotal(), last.getDone(), "the last step is complete: " + all);
        return last.getStep();
    }

    /** CLUSTER SLOTS on every gateway covers every slot once. */
    private static void assertMasters(TestCluster cluster, int slots) {
        for (int node = 0; node < 3; node++) {
            try (Jedis j = cluster.jedis(node)) {
                BitSet covered = new BitSet();
                for (Object range : j.clusterSlots()) {
                    List<?> r = (List<?>) range;
                    covered.set(((Long) r.get(0)).intValue(), ((Long) r.get(1)).intValue() + 1);
                }
                assertEquals(slots, covered.cardinality(), "node " + node + " covers every slot");
            }
        }
    }

    /**
     * Writers that each own their keys and keep the last acknowledged state of each; a key whose
     * last operation failed is uncertain (it may or may not have taken effect) until a later
     * operation on it is acknowledged.
     */
    private static final class Writers {
        private final TestCluster cluster;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong operations = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();
        /** key -> value, or "" for an acknowledged DEL. */
        private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        private final Set<String> uncertain = ConcurrentHashMap.newKeySet();

        Writers(TestCluster cluster) {
            this.cluster = cluster;
        }

        void start() {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread t = new Thread(() -> run(writer), "writer-" + w);
                threads.add(t);
                t.start();
            }
        }

        private void run(int writer) {
            Random random = new Random(writer);
            Jedis j = cluster.jedis(writer % 3);
            try {
                for (long n = 0; !stop.get(); n++) {
                    String key = "w" + writer + ":" + random.nextInt(KEYS_PER_WRITER);
                    boolean delete = random.nextInt(5) == 0;
                    String value = delete ? "" : "v" + n;
                    try {
                        if (delete) j.del(key);
                        else j.set(key, value);
                        acknowledged.put(key, value);
                        uncertain.remove(key);
                    } catch (RuntimeException e) {
                        uncertain.add(key);
                        j.close();
                        j = cluster.jedis(writer % 3);
                    }
                    operations.incrementAndGet();
                }
            } finally {
                j.close();
            }
        }

        void awaitOperations(long more) {
            long target = operations.get() + more;
            TestCluster.await(more + " more operations", () -> operations.get() >= target);
        }

        void stop() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) t.join(30_000);
        }

        /** Key by key, and no key twice across shards. */
        void check(TestCluster cluster) {
            Map<String, String> expected = new HashMap<>(acknowledged);
            uncertain.forEach(expected::remove);
            try (Jedis j = cluster.jedis(0)) {
                for (Map.Entry<String, String> e : expected.entrySet()) {
                    String actual = j.get(e.getKey());
                    assertEquals(e.getValue().isEmpty() ? null : e.getValue(), actual, e.getKey());
                }
                List<String> all = new ArrayList<>(j.keys("w*"));
                assertEquals(all.size(), Set.copyOf(all).size(), "no key is held by two shards");
                long present = expected.values().stream().filter(v -> !v.isEmpty()).count();
                assertTrue(all.size() >= present && all.size() <= present + uncertain.size(),
                        all.size() + " keys, " + present + " acknowledged present, " + uncertain.size() + " uncertain");
            }
            assertTrue(expected.size() > WRITERS * KEYS_PER_WRITER / 2, "most keys were checked: " + expected.size());
        }
    }
}
