package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;
import redis.clients.jedis.Jedis;

/**
 * Client threads writing distinct keys, each to one gateway (all of them, or all but
 * {@code avoid}, the node a test is about to kill), recording every write acknowledged with OK,
 * and per shard (CLUSTER SLOTS range) how many were acknowledged and how many failed, and why.
 */
final class Writers {
    private static final int WRITERS = 8;

    final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final TestCluster cluster;
    private final int avoid;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch done = new CountDownLatch(WRITERS);
    private final List<long[]> ranges;
    private final AtomicLongArray acknowledgedPerShard;
    private final AtomicLongArray failedPerShard;
    private final Map<Integer, String> lastErrorPerShard = new ConcurrentHashMap<>();

    Writers(TestCluster cluster, int avoid) {
        this.cluster = cluster;
        this.avoid = avoid;
        this.ranges = EveryShard.slotRanges(cluster);
        this.acknowledgedPerShard = new AtomicLongArray(ranges.size());
        this.failedPerShard = new AtomicLongArray(ranges.size());
    }

    void start() {
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> run(writer), "writer-" + w);
            t.setDaemon(true);
            t.start();
        }
    }

    private void run(int writer) {
        int node = avoid < 0 ? writer % 3 : (avoid + 1 + writer % 2) % 3;
        Jedis j = null;
        for (int seq = 0; running.get(); seq++) {
            String key = "w" + writer + ":" + seq;
            String value = "value-" + writer + "-" + seq;
            int shard = EveryShard.rangeOf(ranges, key);
            try {
                if (j == null) j = cluster.jedis(node);
                if ("OK".equals(j.set(key, value))) {
                    acknowledged.put(key, value);
                    acknowledgedPerShard.incrementAndGet(shard);
                }
            } catch (RuntimeException e) {
                // Not acknowledged: its outcome is unknown, so it is not checked; but counted.
                failedPerShard.incrementAndGet(shard);
                lastErrorPerShard.put(shard, "node " + node + ": " + e.getMessage());
                if (j != null) j.close();
                j = null;
            }
        }
        if (j != null) j.close();
        done.countDown();
    }

    void awaitAcknowledged(int n) {
        TestCluster.await(n + " acknowledged writes", () -> acknowledged.size() >= n);
    }

    /** Waits until every shard has acknowledged {@code more} writes from now; fails with the errors per shard. */
    void awaitEveryShardAcknowledges(int more) {
        long[] from = new long[ranges.size()];
        for (int i = 0; i < from.length; i++) from[i] = acknowledgedPerShard.get(i);
        try {
            TestCluster.await(more + " more acknowledged writes on every shard", () ->
                    IntStream.range(0, from.length).allMatch(i -> acknowledgedPerShard.get(i) >= from[i] + more));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; per shard: " + summary(), e);
        }
    }

    /** Per shard: acknowledged, failed, and the last error. */
    String summary() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ranges.size(); i++) {
            b.append("slots ").append(ranges.get(i)[0]).append('-').append(ranges.get(i)[1]).append(": ")
                    .append(acknowledgedPerShard.get(i)).append(" acknowledged, ").append(failedPerShard.get(i))
                    .append(" failed").append(lastErrorPerShard.containsKey(i) ? " (last: " + lastErrorPerShard.get(i) + ")" : "")
                    .append("; ");
        }
        return b.toString();
    }

    void stop() throws InterruptedException {
        running.set(false);
        done.await();
    }

    /** Every acknowledged write reads back, key by key, through node {@code node}'s gateway. */
    void assertAllReadable(int node) {
        assertTrue(acknowledged.size() > 0, "some writes were acknowledged");
        try (Jedis j = cluster.jedis(node)) {
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                assertEquals(e.getValue(), j.get(e.getKey()), "acknowledged SET " + e.getKey() + " read through node " + node);
            }
        }
    }
}
