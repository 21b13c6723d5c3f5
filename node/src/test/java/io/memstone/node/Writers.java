package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.Jedis;

/**
 * Client threads writing distinct keys, each to one gateway (all of them, or all but
 * {@code avoid}, the node a test is about to kill), recording every write acknowledged with OK.
 */
final class Writers {
    private static final int WRITERS = 8;

    final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final TestCluster cluster;
    private final int avoid;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch done = new CountDownLatch(WRITERS);

    Writers(TestCluster cluster, int avoid) {
        this.cluster = cluster;
        this.avoid = avoid;
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
            try {
                if (j == null) j = cluster.jedis(node);
                if ("OK".equals(j.set(key, value))) acknowledged.put(key, value);
            } catch (RuntimeException e) {
                // Not acknowledged: its outcome is unknown, so it is not checked.
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
