package io.memstone.chaos.report;

import io.memstone.chaos.ChaosResult;
import io.memstone.chaos.FailoverTimes;
import io.memstone.chaos.checker.CheckResult;
import java.util.Map;

/** The few lines a run prints at the end. */
public final class TextSummary {
    private TextSummary() {}

    public static String of(ChaosResult r) {
        StringBuilder s = new StringBuilder();
        s.append(r.valid() ? "VALID" : "NOT VALID").append(String.format(": %d fault cycles in %.0f s (seed %d)%n",
                r.faults().size(), r.durationNanos() / 1e9, r.options().seed()));
        Map<String, Map<String, Long>> counts = r.operationCounts();
        for (Map.Entry<String, CheckResult> e : r.checks().entrySet()) {
            CheckResult c = e.getValue();
            s.append("  ").append(e.getKey()).append(": ").append(c.valid() ? "valid" : "NOT valid")
                    .append(", operations ").append(counts.get(e.getKey())).append(", ").append(c.stats()).append('\n');
            for (String a : c.anomalies()) s.append("    ").append(a).append('\n');
        }
        if (r.divergence() != null) s.append("  replicas diverged: ").append(r.divergence()).append('\n');
        r.failoverMillis().forEach((n, ms) -> s.append("  failover after ").append(n).append(": ")
                .append(FailoverTimes.summary(ms)).append('\n'));
        r.nemesisErrors().forEach(e -> s.append("  nemesis error: ").append(e).append('\n'));
        r.notes().forEach(n -> s.append("  note: ").append(n).append('\n'));
        return s.toString();
    }
}
