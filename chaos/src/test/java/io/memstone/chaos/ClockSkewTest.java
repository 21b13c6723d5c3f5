package io.memstone.chaos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memstone.chaos.cluster.LocalBackend;
import io.memstone.chaos.nemesis.FaultWindow;
import io.memstone.chaos.report.TextSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/**
 * Nodes under libfaketime: the clock-skew nemesis moves the leader's and a minority's wall clocks
 * while clients run register and set, and the histories stay valid; a skewed node's TIME then
 * says the skewed time. Skipped without libfaketime.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClockSkewTest {
    private static final Duration SKEW = Duration.ofSeconds(90);

    @Test
    void skewedClocksShowInTimeAndLeaveHistoriesValid() throws Exception {
        Path dir = Files.createTempDirectory("memstone-clock-skew-");
        try (LocalBackend cluster = new LocalBackend(dir, 3, true, LocalBackend.FREQUENT_SNAPSHOTS)) {
            assumeTrue(cluster.clockSkewUnavailable() == null, () -> "needs libfaketime: " + cluster.clockSkewUnavailable());
            ChaosOptions options = ChaosOptions.defaults().withTime(Duration.ofSeconds(40)).withWorkloads(List.of("register", "set"))
                    .withNemeses(List.of("clock-skew")).withSchedule(Duration.ofSeconds(5), Duration.ofSeconds(10));
            ChaosResult result = BoundedChaos.runAndReport(cluster, options, Path.of("target", "chaos-clock-skew"));
            String summary = TextSummary.of(result);
            assertTrue(result.valid(), summary);
            assertEquals(List.of(), result.nemesisErrors());
            assertTrue(result.faults().stream().map(FaultWindow::nemesis).anyMatch("clock-skew"::equals), "clock-skew ran: " + summary);

            cluster.skewClock(1, SKEW);
            // libfaketime re-reads the offset within a second; TIME is the gateway's own clock.
            await("n2's TIME to run " + SKEW + " ahead").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Math.abs(time(cluster, 1) - System.currentTimeMillis() - SKEW.toMillis()) < 5_000);
            cluster.skewClock(1, Duration.ZERO);
            await("n2's TIME to be right again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Math.abs(time(cluster, 1) - System.currentTimeMillis()) < 5_000);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The node's TIME reply in milliseconds since the epoch. */
    private static long time(LocalBackend cluster, int node) {
        try (Jedis j = new Jedis(cluster.resp(node), DefaultJedisClientConfig.builder().socketTimeoutMillis(2000).build())) {
            List<String> t = j.time();
            return Long.parseLong(t.get(0)) * 1000 + Long.parseLong(t.get(1)) / 1000;
        }
    }
}
