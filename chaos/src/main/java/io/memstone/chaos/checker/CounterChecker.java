package io.memstone.chaos.checker;

import io.memstone.chaos.history.Op;
import io.memstone.chaos.history.OpPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Counters incremented by positive amounts: every ok read (the final one included) must be at
 * least the sum of the increments acknowledged before the read was invoked, and at most the sum
 * of those attempted (ok or indeterminate) before it completed.
 */
public final class CounterChecker implements Checker {
    static final String NAME = "counter";

    @Override
    public CheckResult check(List<OpPair> history) {
        Map<String, List<OpPair>> byKey = new LinkedHashMap<>();
        for (OpPair p : history) {
            if (p.type() != Op.Type.FAIL) byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
        }
        List<String> anomalies = new ArrayList<>();
        int reads = 0;
        for (Map.Entry<String, List<OpPair>> e : byKey.entrySet()) {
            List<OpPair> adds = e.getValue().stream().filter(p -> p.f() == Op.Fn.ADD).toList();
            SumBefore acknowledged = new SumBefore(adds.stream().filter(OpPair::ok).toList(), OpPair::end);
            SumBefore attempted = new SumBefore(adds, OpPair::start);
            for (OpPair read : e.getValue()) {
                if (read.f() != Op.Fn.READ || !read.ok()) continue;
                reads++;
                long lower = acknowledged.before(read.start());
                long upper = attempted.before(read.end());
                long value = read.value() == null ? 0 : (Long) read.value();
                if (value < lower || value > upper) {
                    anomalies.add("key " + e.getKey() + ": read " + value + " outside [" + lower + ", " + upper
                            + "] (acknowledged before it .. attempted before it returned): " + read.describe());
                }
            }
        }
        if (reads == 0) anomalies.add("no successful read");
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("reads", reads);
        stats.put("acknowledged-sum", sum(history, true));
        stats.put("attempted-sum", sum(history, false));
        return CheckResult.of(NAME, anomalies, stats);
    }

    private static long sum(List<OpPair> history, boolean acknowledgedOnly) {
        return history.stream()
                .filter(p -> p.f() == Op.Fn.ADD && (acknowledgedOnly ? p.ok() : p.type() != Op.Type.FAIL))
                .mapToLong(p -> (Long) p.value()).sum();
    }

    /** Sum of the increments whose time (by {@code at}) is before a given time: prefix sums over sorted times. */
    private static final class SumBefore {
        private final long[] times;
        private final long[] sums;

        SumBefore(List<OpPair> adds, ToLongFunction<OpPair> at) {
            List<OpPair> sorted = adds.stream().sorted(Comparator.comparingLong(at)).toList();
            times = new long[sorted.size()];
            sums = new long[sorted.size() + 1];
            for (int i = 0; i < sorted.size(); i++) {
                times[i] = at.applyAsLong(sorted.get(i));
                sums[i + 1] = sums[i] + (Long) sorted.get(i).value();
            }
        }

        long before(long time) {
            int i = Arrays.binarySearch(times, time);
            if (i < 0) return sums[-i - 1];
            while (i > 0 && times[i - 1] == time) i--;
            return sums[i];
        }
    }
}
