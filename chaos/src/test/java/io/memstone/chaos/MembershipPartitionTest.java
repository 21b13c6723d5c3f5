package io.memstone.chaos;

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

/**
 * Regression test for RedisRaft's "lost update after membership change during partition": while
 * clients run register and set, a node (the first shard's leader where it can be) is cut off,
 * removed through the admin service, wiped and added back as a new node with the same name;
 * before and after, partitions isolate a minority or the leader (right after the node rejoined).
 * No acknowledged write may be lost, the registers must stay linearizable and the replicas
 * must converge. Needs iptables (as root); the report is left in target/chaos-membership.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MembershipPartitionTest {
    @Test
    void noAcknowledgedWriteIsLostWhenANodeIsRemovedAndAddedBackDuringPartitions() throws Exception {
        Path dir = Files.createTempDirectory("memstone-membership-");
        try (LocalBackend cluster = new LocalBackend(dir, 3)) {
            assumeTrue(cluster.partitionsUnavailable() == null, () -> "needs partitions: " + cluster.partitionsUnavailable());
            List<String> nemeses = List.of("partition-halves", "membership", "partition-leader", "membership");
            ChaosOptions options = ChaosOptions.defaults().withTime(Duration.ofSeconds(75)).withWorkloads(List.of("register", "set"))
                    .withNemeses(nemeses).withSchedule(Duration.ofSeconds(4), Duration.ofSeconds(8));
            ChaosResult result = BoundedChaos.runAndReport(cluster, options, Path.of("target", "chaos-membership"));
            String summary = TextSummary.of(result);

            assertEquals(List.of(), result.nemesisErrors(), summary);
            for (String nemesis : List.of("partition-halves", "membership")) {
                assertTrue(result.faults().stream().map(FaultWindow::nemesis).anyMatch(nemesis::equals), nemesis + " ran: " + summary);
            }
            assertTrue(result.valid(), summary);
            assertEquals(0, result.checks().get("set").stats().get("lost"), "acknowledged SADDs lost: " + summary);
            result.operationCounts().forEach((workload, counts) ->
                    assertTrue(counts.getOrDefault("ok", 0L) >= 100, workload + " made progress: " + counts));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
