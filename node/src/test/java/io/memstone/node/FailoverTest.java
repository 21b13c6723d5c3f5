package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.proto.admin.GroupStatus;
import io.memstone.raft.LogPayloadMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/** kill -9 of real node processes while clients write; acknowledged writes must survive. */
@Timeout(300)
class FailoverTest {
    private static final int WRITERS = 8;

    @Test
    void acknowledgedWritesSurviveLeaderKill() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            int leader = cluster.nodes.leaderIndex();
            Writers writers = new Writers(cluster, leader);
            writers.start();
            writers.awaitAcknowledged(200);
            cluster.nodes.kill(leader);
            int before = writers.acknowledged.size();
            TestCluster.await("a new leader", () -> cluster.nodes.leaderIndex() >= 0);
            writers.awaitAcknowledged(before + 200);
            writers.stop();

            int survivor = (leader + 1) % 3;
            assertAllReadable(cluster, survivor, writers.acknowledged);

            cluster.nodes.start(leader);
            int newLeader = cluster.nodes.leaderIndex();
            TestCluster.await("node " + leader + " to catch up", () -> {
                GroupStatus restarted = cluster.shardStatus(leader);
                GroupStatus current = cluster.shardStatus(newLeader);
                return restarted != null && current != null
                        && restarted.getAppliedIndex() == current.getAppliedIndex()
                        && restarted.getDigest().equals(current.getDigest());
            });
            assertAllReadable(cluster, leader, writers.acknowledged);
        }
    }

    @Test
    void acknowledgedWritesSurviveKillingEveryNode() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            Writers writers = new Writers(cluster, -1);
            writers.start();
            writers.awaitAcknowledged(1000);
            for (int i = 0; i < 3; i++) cluster.nodes.kill(i);
            writers.stop();
            for (int i = 0; i < 3; i++) cluster.nodes.start(i);
            cluster.nodes.awaitLeader(TestCluster.TIMEOUT);
            for (int i = 0; i < 3; i++) assertAllReadable(cluster, i, writers.acknowledged);
        }
    }

    private static void assertAllReadable(TestCluster cluster, int node, Map<String, String> acknowledged) {
        try (Jedis j = cluster.jedis(node)) {
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                assertEquals(e.getValue(), j.get(e.getKey()),
                        "acknowledged SET " + e.getKey() + " read through node " + node);
            }
        }
        assertTrue(acknowledged.size() > 0);
    }

    /** Client threads writing distinct keys, each round-robin over the gateways except {@code avoid}. */
    private static final class Writers {
        final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        private final TestCluster cluster;
        private final int avoid;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger failures = new AtomicInteger();
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
                    failures.incrementAndGet();
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
    }
}
