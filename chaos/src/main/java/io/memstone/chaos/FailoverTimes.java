package io.memstone.chaos;

import io.memstone.chaos.history.History;
import io.memstone.chaos.history.Op;
import io.memstone.chaos.history.OpPair;
import io.memstone.chaos.nemesis.FaultWindow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Failover time: from a fault that hit the leader (its start) to the first acknowledged write
 * invoked after it, in milliseconds, per nemesis.
 */
public final class FailoverTimes {
    private FailoverTimes() {}

    public static Map<String, List<Long>> of(List<FaultWindow> faults, Collection<History> histories) {
        List<Long> ackTimes = new ArrayList<>();
        List<Long> invokeTimes = new ArrayList<>();
        for (History h : histories) {
            for (OpPair p : h.pairs()) {
                if (p.ok() && p.f() != Op.Fn.READ) {
                    invokeTimes.add(p.start());
                    ackTimes.add(p.end());
                }
            }
        }
        Map<String, List<Long>> out = new TreeMap<>();
        for (FaultWindow w : faults) {
            if (!w.hitLeader()) continue;
            long first = Long.MAX_VALUE;
            for (int i = 0; i < ackTimes.size(); i++) {
                if (invokeTimes.get(i) >= w.start()) first = Math.min(first, ackTimes.get(i));
            }
            if (first != Long.MAX_VALUE) out.computeIfAbsent(w.nemesis(), k -> new ArrayList<>()).add((first - w.start()) / 1_000_000);
        }
        return out;
    }

    /** min / median / max of some times, for the report. */
    public static String summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return String.format("min %d ms / median %d ms / max %d ms (%d)", sorted.get(0), sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1), sorted.size());
    }
}
