package io.memstone.chaos.checker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A checker's verdict: valid or not, the anomalies found (one line each), and counts worth reporting. */
public record CheckResult(String checker, boolean valid, List<String> anomalies, Map<String, Object> stats) {

    /** At most this many anomalies are listed; stats' "anomalies" says how many there were. */
    static final int MAX_LISTED = 50;

    static CheckResult of(String checker, List<String> anomalies, Map<String, Object> stats) {
        List<String> listed = anomalies.size() <= MAX_LISTED ? anomalies : anomalies.subList(0, MAX_LISTED);
        Map<String, Object> withCount = new LinkedHashMap<>(stats);
        withCount.put("anomalies", anomalies.size());
        return new CheckResult(checker, anomalies.isEmpty(), List.copyOf(listed), withCount);
    }
}
