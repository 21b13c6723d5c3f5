package io.memstone.chaos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memstone.chaos.cluster.ChaosCluster.Link;
import io.memstone.chaos.cluster.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
            // A new leader is elected on the majority side; until then SET fails there.
            await("the majority side to acknowledge a write").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> set(cluster, a, "after"));
            // For 8 s the isolated old leader is probed: it must neither serve the stale value nor
            // acknowledge a write. The condition holds throughout, or the probe names the violation.
            AtomicReference<String> violation = new AtomicReference<>();
            AtomicInteger attempt = new AtomicInteger();
            await("the isolated old leader to stay harmless").during(Duration.ofSeconds(8))
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .failFast(() -> assertNull(violation.get()))
                    .until(() -> probe(cluster, old, attempt.incrementAndGet(), violation));

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

    /** True when SET through the node is acknowledged. */
    private static boolean set(LocalBackend cluster, int node, String value) {
        try (Jedis j = connect(cluster, node)) {
            return "OK".equals(j.set("k", value));
        }
    }

    /**
     * One GET and one SET through the isolated node, each on a fresh connection (after a
     * timeout a connection holds an unread reply). Errors and timeouts are right: there is no
     * majority behind it. A stale value or an acknowledged write is recorded as the violation.
     */
    private static boolean probe(LocalBackend cluster, int node, int attempt, AtomicReference<String> violation) {
        try (Jedis j = connect(cluster, node)) {
            if ("before".equals(j.get("k"))) violation.set("stale read from the isolated old leader");
        } catch (JedisException expected) {
            // no answer without a majority
        }
        try (Jedis j = connect(cluster, node)) {
            violation.compareAndSet(null, "the isolated old leader acknowledged a write: " + j.set("k", "split-brain-" + attempt));
        } catch (JedisException expected) {
            // not acknowledged
        }
        return violation.get() == null;
    }

    private static Jedis connect(LocalBackend cluster, int node) {
        return new Jedis(cluster.resp(node), DefaultJedisClientConfig.builder().socketTimeoutMillis(2000).build());
    }
}
