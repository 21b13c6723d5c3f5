package io.memstone.chaos.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.memstone.chaos.ChaosResult;
import io.memstone.chaos.FailoverTimes;
import io.memstone.chaos.history.History;
import io.memstone.chaos.history.Op;
import io.memstone.chaos.nemesis.FaultWindow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's files: result.json (verdict, anomalies, counts, faults, failover times),
 * history-WORKLOAD.jsonl (one event a line) and report.html.
 */
public final class ResultFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();

    private ResultFiles() {}

    public static void write(ChaosResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("result.json").toFile(), summary(result));
        for (Map.Entry<String, History> e : result.histories().entrySet()) {
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("history-" + e.getKey() + ".jsonl"))) {
                for (Op op : e.getValue().ops()) {
                    w.write(JSON_LINE.writeValueAsString(event(op)));
                    w.newLine();
                }
            }
        }
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(result));
    }

    static Map<String, Object> summary(ChaosResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", r.valid());
        m.put("nodes", r.options().nodes());
        m.put("seconds", r.durationNanos() / 1_000_000_000.0);
        m.put("workloads", r.options().workloads());
        m.put("nemeses", r.options().nemeses());
        m.put("seed", r.options().seed());
        m.put("checks", r.checks());
        m.put("replicas-converged", r.divergence() == null);
        if (r.divergence() != null) m.put("divergence", r.divergence());
        m.put("operations", r.operationCounts());
        m.put("fault-cycles", r.faults().size());
        List<Map<String, Object>> faults = new ArrayList<>();
        for (FaultWindow f : r.faults()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("nemesis", f.nemesis());
            fm.put("what", f.description());
            fm.put("hit-leader", f.hitLeader());
            fm.put("start-s", f.start() / 1e9);
            fm.put("end-s", f.end() / 1e9);
            faults.add(fm);
        }
        m.put("faults", faults);
        Map<String, Object> failover = new LinkedHashMap<>();
        r.failoverMillis().forEach((nemesis, ms) -> failover.put(nemesis, Map.of("ms", ms, "summary", FailoverTimes.summary(ms))));
        m.put("failover", failover);
        m.put("nemesis-errors", r.nemesisErrors());
        m.put("notes", r.notes());
        return m;
    }

    private static Map<String, Object> event(Op op) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", op.type().name().toLowerCase());
        m.put("process", op.process());
        m.put("f", op.f().name().toLowerCase());
        m.put("key", op.key());
        m.put("value", op.value());
        m.put("nanos", op.nanos());
        if (op.error() != null) m.put("error", op.error());
        return m;
    }
}
