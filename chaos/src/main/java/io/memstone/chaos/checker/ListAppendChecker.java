package io.memstone.chaos.checker;

import io.memstone.chaos.history.Op;
import io.memstone.chaos.history.OpPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lists built by appending unique values and read whole (RPUSH / LRANGE 0 -1), checked in the
 * spirit of Elle's list-append: per key, every read is a prefix of one order (the longest read),
 * no read holds a duplicate or a value never appended to that key, no read misses an append
 * acknowledged before the read began (stale read), no read is shorter than a read that completed
 * before it began (went backwards), and the final read holds every acknowledged append (lost).
 */
public final class ListAppendChecker implements Checker {
    static final String NAME = "list-append";

    @Override
    public CheckResult check(List<OpPair> history) {
        Map<String, List<OpPair>> byKey = new TreeMap<>();
        for (OpPair p : history) {
            if (p.type() != Op.Type.FAIL) byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
        }
        List<String> anomalies = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String kind : List.of("lost", "duplicate", "never-written", "incompatible-order", "stale-read", "went-backwards")) {
            counts.put(kind, 0);
        }
        int reads = 0;
        for (Map.Entry<String, List<OpPair>> e : byKey.entrySet()) {
            KeyCheck k = new KeyCheck(e.getKey(), e.getValue(), anomalies, counts);
            k.run();
            reads += k.reads.size();
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("keys", byKey.size());
        stats.put("reads", reads);
        stats.put("acknowledged-appends", history.stream().filter(p -> p.f() == Op.Fn.APPEND && p.ok()).count());
        stats.putAll(counts);
        return CheckResult.of(NAME, anomalies, stats);
    }

    private static final class KeyCheck {
        private final String key;
        private final List<OpPair> appends;
        private final List<OpPair> reads;
        private final List<String> anomalies;
        private final Map<String, Integer> counts;
        private final Set<Object> attempted = new HashSet<>();

        KeyCheck(String key, List<OpPair> ops, List<String> anomalies, Map<String, Integer> counts) {
            this.key = key;
            this.appends = ops.stream().filter(p -> p.f() == Op.Fn.APPEND).toList();
            this.reads = ops.stream().filter(p -> p.f() == Op.Fn.READ && p.ok()).toList();
            this.anomalies = anomalies;
            this.counts = counts;
            for (OpPair a : appends) attempted.add(a.value());
        }

        void run() {
            if (reads.isEmpty()) {
                if (appends.stream().anyMatch(OpPair::ok)) report("lost", "acknowledged appends but no successful read");
                return;
            }
            List<?> longest = reads.stream().map(r -> (List<?>) r.value())
                    .max(Comparator.comparingInt(List::size)).orElseThrow();
            Map<Object, Integer> position = new HashMap<>();
            for (int i = 0; i < longest.size(); i++) position.putIfAbsent(longest.get(i), i);
            for (OpPair r : reads) checkRead(r, longest);
            checkRealTime(position);
            checkFinalRead(position);
        }

        private void checkRead(OpPair read, List<?> longest) {
            List<?> values = (List<?>) read.value();
            Set<Object> seen = new HashSet<>();
            for (Object v : values) {
                if (!seen.add(v)) report("duplicate", v + " twice in " + read.describe());
                if (!attempted.contains(v)) report("never-written", v + " was never appended, in " + read.describe());
            }
            if (!values.equals(longest.subList(0, values.size()))) {
                report("incompatible-order", read.describe() + " is not a prefix of the longest read " + longest);
            }
        }

        /** Stale reads and reads going backwards, by invocation order of reads. */
        private void checkRealTime(Map<Object, Integer> position) {
            List<OpPair> byStart = reads.stream().sorted(Comparator.comparingLong(OpPair::start)).toList();
            List<OpPair> readsByEnd = reads.stream().sorted(Comparator.comparingLong(OpPair::end)).toList();
            List<OpPair> ackedByEnd = appends.stream().filter(OpPair::ok)
                    .filter(a -> position.containsKey(a.value())) // absent ones are reported as lost
                    .sorted(Comparator.comparingLong(OpPair::end)).toList();
            int nextRead = 0;
            int nextAppend = 0;
            OpPair longestEarlierRead = null;
            OpPair furthestEarlierAppend = null;
            for (OpPair r : byStart) {
                while (nextRead < readsByEnd.size() && readsByEnd.get(nextRead).end() < r.start()) {
                    OpPair earlier = readsByEnd.get(nextRead++);
                    if (longestEarlierRead == null || length(earlier) > length(longestEarlierRead)) longestEarlierRead = earlier;
                }
                while (nextAppend < ackedByEnd.size() && ackedByEnd.get(nextAppend).end() < r.start()) {
                    OpPair a = ackedByEnd.get(nextAppend++);
                    if (furthestEarlierAppend == null || position.get(a.value()) > position.get(furthestEarlierAppend.value())) {
                        furthestEarlierAppend = a;
                    }
                }
                if (longestEarlierRead != null && length(r) < length(longestEarlierRead)) {
                    report("went-backwards", r.describe() + " is shorter than " + longestEarlierRead.describe());
                }
                if (furthestEarlierAppend != null && !((List<?>) r.value()).contains(furthestEarlierAppend.value())) {
                    report("stale-read", r.describe() + " misses " + furthestEarlierAppend.describe());
                }
            }
        }

        private void checkFinalRead(Map<Object, Integer> position) {
            OpPair last = reads.stream().max(Comparator.comparingLong(OpPair::end)).orElseThrow();
            Set<Object> finalValues = new HashSet<>((List<?>) last.value());
            for (OpPair a : appends) {
                if (a.ok() && !finalValues.contains(a.value())) {
                    report("lost", a.describe() + " is absent from the final read"
                            + (position.containsKey(a.value()) ? " (an earlier read had it)" : ""));
                }
            }
        }

        private static int length(OpPair read) {
            return ((List<?>) read.value()).size();
        }

        private void report(String kind, String what) {
            counts.merge(kind, 1, Integer::sum);
            anomalies.add(kind + " on key " + key + ": " + what);
        }
    }
}
