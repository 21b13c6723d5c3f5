package io.memstone.chaos.checker;

import io.memstone.chaos.history.Op;
import io.memstone.chaos.history.OpPair;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sets of unique elements, added during the run and read once at the end (after healing):
 * lost = acknowledged add missing from the final read; unexpected = read but never attempted;
 * recovered = indeterminate add present in the final read (allowed).
 */
public final class SetChecker implements Checker {
    static final String NAME = "set";

    @Override
    public CheckResult check(List<OpPair> history) {
        Map<String, Set<String>> attempted = new HashMap<>();
        Map<String, Set<String>> acknowledged = new LinkedHashMap<>();
        Map<String, Collection<?>> finalRead = new HashMap<>();
        for (OpPair p : history) {
            if (p.f() == Op.Fn.ADD && p.type() != Op.Type.FAIL) {
                attempted.computeIfAbsent(p.key(), k -> new HashSet<>()).add((String) p.value());
                if (p.ok()) acknowledged.computeIfAbsent(p.key(), k -> new HashSet<>()).add((String) p.value());
            } else if (p.f() == Op.Fn.READ && p.ok()) {
                finalRead.put(p.key(), (Collection<?>) p.value());
            }
        }
        List<String> anomalies = new ArrayList<>();
        int lost = 0;
        int unexpected = 0;
        int recovered = 0;
        Set<String> keys = new TreeSet<>(attempted.keySet());
        keys.addAll(finalRead.keySet());
        for (String key : keys) {
            Collection<?> read = finalRead.get(key);
            if (read == null) {
                anomalies.add("key " + key + ": no successful final read");
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Object o : read) seen.add((String) o);
            Set<String> tried = attempted.getOrDefault(key, Set.of());
            Set<String> acked = acknowledged.getOrDefault(key, Set.of());
            for (String e : new TreeSet<>(acked)) {
                if (!seen.contains(e)) {
                    lost++;
                    anomalies.add("key " + key + ": lost " + e + " (acknowledged, absent from the final read)");
                }
            }
            for (String e : new TreeSet<>(seen)) {
                if (!tried.contains(e)) {
                    unexpected++;
                    anomalies.add("key " + key + ": unexpected " + e + " (never attempted)");
                } else if (!acked.contains(e)) {
                    recovered++;
                }
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("acknowledged", acknowledged.values().stream().mapToInt(Set::size).sum());
        stats.put("attempted", attempted.values().stream().mapToInt(Set::size).sum());
        stats.put("lost", lost);
        stats.put("unexpected", unexpected);
        stats.put("recovered", recovered);
        return CheckResult.of(NAME, anomalies, stats);
    }
}
