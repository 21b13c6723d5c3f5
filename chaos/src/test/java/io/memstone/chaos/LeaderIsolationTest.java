package io.memstone.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memstone.chaos.cluster.ChaosCluster.Link;
import io.memstone.chaos.cluster.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Regression tests for two classes of bugs Jepsen found in RedisRaft: split brain (an isolated
 * old leader still acknowledging writes) and stale reads after an election (the old leader, or a
 * new one before its first commit, answering reads from its own state).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LeaderIsolationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void isolatedOldLeaderNeitherAcknowledgesWritesNorServesStaleReads() throws Exception {
        Path dir = Files.createTempDirectory("memstone-isolation-");
        try (LocalBackend cluster = new LocalBackend(dir, 3)) {
            assumeTrue(cluster.partitionsUnavailable() == null, () -> "needs partitions: " + cluster.partitionsUnavailable());
            cluster.start(WAIT);
            int old = cluster.leader().orElseThrow();
            int a = (old + 1) % 3;
            int b = (old + 2) % 3;
            try (Jedis j = connect(cluster, old)) {
                assertEquals("OK", j.set("k", "before"));
            }

            cluster.cut(Set.of(new Link(old, a), new Link(old, b)));
            awaitAcknowledged(cluster, a, "after");
            // A fresh connection for every attempt: after a timeout a connection holds an unread reply.
            long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            for (int i = 0; System.nanoTime() < until; i++) {
                try (Jedis j = connect(cluster, old)) {
                    assertNotEquals("before", j.get("k"), "stale read from the isolated old leader");
                } catch (JedisException expected) {
                    // no answer without a majority: right
                }
                try (Jedis j = connect(cluster, old)) {
                    String reply = j.set("k", "split-brain-" + i);
                    fail("the isolated old leader acknowledged a write: " + reply);
                } catch (JedisException expected) {
                    // not acknowledged: right
                }
                Thread.sleep(200);
            }

            cluster.healNetwork();
            assertNull(cluster.awaitConverged(WAIT));
            for (int node = 0; node < 3; node++) {
                try (Jedis j = connect(cluster, node)) {
                    // The old leader's unacknowledged writes may or may not have taken effect; "before" may not come back.
                    assertNotEquals("before", j.get("k"), "read through " + cluster.nodeId(node) + " after healing");
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Retries SET through the node until it is acknowledged (a new leader has to be elected first). */
    private static void awaitAcknowledged(LocalBackend cluster, int node, String value) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Jedis j = connect(cluster, node)) {
                if ("OK".equals(j.set("k", value))) return;
            } catch (JedisException notYet) {
                Thread.sleep(200);
            }
        }
        fail("the majority side never acknowledged a write");
    }

    private static Jedis connect(LocalBackend cluster, int node) {
        return new Jedis(cluster.resp(node), DefaultJedisClientConfig.builder().socketTimeoutMillis(2000).build());
    }
}
