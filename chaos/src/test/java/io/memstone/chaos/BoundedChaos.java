package io.memstone.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.chaos.cluster.ChaosCluster;
import io.memstone.chaos.nemesis.FaultWindow;
import io.memstone.chaos.report.ResultFiles;
import io.memstone.chaos.report.TextSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounded run both backends' tests make: the leader killed, paused and (where the cluster
 * can) partitioned away while clients run the workloads; every checker must say valid, every
 * nemesis must have run, a write must have succeeded after the leader was killed, and every
 * workload must have made progress. The report is left in {@code reportDir}.
 */
final class BoundedChaos {
    private BoundedChaos() {}

    /** One run on the cluster; its summary is printed and its report written to {@code reportDir}. */
    static ChaosResult runAndReport(ChaosCluster cluster, ChaosOptions options, Path reportDir) throws Exception {
        ChaosResult result = new ChaosRun(options, System.out).run(cluster);
        ResultFiles.write(result, reportDir);
        System.out.print(TextSummary.of(result));
        return result;
    }

    static void runAndCheck(ChaosCluster cluster, Duration time, List<String> workloads, Path reportDir) throws Exception {
        String test = reportDir.getFileName().toString();
        List<String> nemeses = new ArrayList<>(List.of("kill-leader", "pause-leader"));
        if (cluster.partitionsUnavailable() == null) {
            nemeses.add("partition-leader");
        } else {
            System.out.println(test + ": SKIPPING partition-leader: " + cluster.partitionsUnavailable());
        }
        ChaosOptions options = ChaosOptions.defaults().withTime(time).withWorkloads(workloads)
                .withNemeses(nemeses).withSchedule(Duration.ofSeconds(8), Duration.ofSeconds(10));

        ChaosResult result = runAndReport(cluster, options, reportDir);
        String summary = TextSummary.of(result);

        assertTrue(result.valid(), summary);
        assertEquals(List.of(), result.nemesisErrors());
        for (String nemesis : nemeses) {
            assertTrue(result.faults().stream().map(FaultWindow::nemesis).anyMatch(nemesis::equals), nemesis + " ran");
        }
        assertTrue(result.failoverMillis().containsKey("kill-leader"), "a write succeeded after the leader was killed");
        result.operationCounts().forEach((workload, counts) ->
                assertTrue(counts.getOrDefault("ok", 0L) >= 100, workload + " made progress: " + counts));
    }
}
