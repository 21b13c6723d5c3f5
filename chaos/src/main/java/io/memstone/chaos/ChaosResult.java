package io.memstone.chaos;

import io.memstone.chaos.checker.CheckResult;
import io.memstone.chaos.history.History;
import io.memstone.chaos.history.OpPair;
import io.memstone.chaos.nemesis.FaultWindow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run found: each workload's check, whether the replicas converged after healing
 * ({@code divergence} null when they did), the faults injected, nemesis operations that failed,
 * failover times, notes (nemeses skipped and why), and the histories.
 */
public record ChaosResult(ChaosOptions options, Map<String, CheckResult> checks, String divergence,
                          List<FaultWindow> faults, List<String> nemesisErrors, Map<String, List<Long>> failoverMillis,
                          List<String> notes, Map<String, History> histories, long durationNanos) {

    /** Every checker says valid and the replicas hold the same data. */
    public boolean valid() {
        return divergence == null && checks.values().stream().allMatch(CheckResult::valid);
    }

    /** Per workload: how many operations completed ok, fail and info. */
    public Map<String, Map<String, Long>> operationCounts() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        histories.forEach((name, h) -> {
            Map<String, Long> counts = new TreeMap<>();
            for (OpPair p : h.pairs()) counts.merge(p.type().name().toLowerCase(), 1L, Long::sum);
            out.put(name, counts);
        });
        return out;
    }
}
