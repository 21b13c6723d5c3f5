package io.memstone.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.chaos.cluster.LocalBackend;
import io.memstone.chaos.nemesis.FaultWindow;
import io.memstone.chaos.report.ResultFiles;
import io.memstone.chaos.report.TextSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chaos runner in the default suite: 90 s on a real 3-node cluster (about 2.5 minutes in
 * all) with the leader killed, paused and (as root with iptables) partitioned away, while
 * clients run the register, counter and set workloads. Every checker must say valid; the
 * report is left in target/chaos-bounded.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class BoundedChaosTest {
    @Test
    void historiesStayValidUnderLeaderFaults() throws Exception {
        Path dir = Files.createTempDirectory("memstone-chaos-");
        try (LocalBackend cluster = new LocalBackend(dir, 3)) {
            List<String> nemeses = new ArrayList<>(List.of("kill-leader", "pause-leader"));
            if (cluster.partitionsUnavailable() == null) {
                nemeses.add("partition-leader");
            } else {
                System.out.println("BoundedChaosTest: SKIPPING partition-leader: " + cluster.partitionsUnavailable());
            }
            List<String> workloads = List.of("register", "counter", "set");
            ChaosOptions options = ChaosOptions.defaults().withTime(Duration.ofSeconds(90)).withWorkloads(workloads)
                    .withNemeses(nemeses).withSchedule(Duration.ofSeconds(8), Duration.ofSeconds(10));

            ChaosResult result = new ChaosRun(options, System.out).run(cluster);
            ResultFiles.write(result, Path.of("target", "chaos-bounded"));
            String summary = TextSummary.of(result);
            System.out.print(summary);

            assertTrue(result.valid(), summary);
            assertEquals(List.of(), result.nemesisErrors());
            for (String nemesis : nemeses) {
                assertTrue(result.faults().stream().map(FaultWindow::nemesis).anyMatch(nemesis::equals), nemesis + " ran");
            }
            assertTrue(result.failoverMillis().containsKey("kill-leader"), "a write succeeded after the leader was killed");
            result.operationCounts().forEach((workload, counts) ->
                    assertTrue(counts.getOrDefault("ok", 0L) >= 100, workload + " made progress: " + counts));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
