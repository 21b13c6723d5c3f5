package io.memstone.chaos.report;

import io.memstone.chaos.ChaosResult;
import io.memstone.chaos.FailoverTimes;
import io.memstone.chaos.checker.CheckResult;
import io.memstone.chaos.history.History;
import io.memstone.chaos.history.Op;
import io.memstone.chaos.history.OpPair;
import io.memstone.chaos.nemesis.FaultWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** report.html: verdict, checks and anomalies, faults, failover times, latency and throughput over time. */
final class HtmlReport {
    /** Dots drawn per workload and outcome at most: enough to see the shape, a small file. */
    private static final int MAX_POINTS = 8000;
    private static final String[] COLORS = {"#1f77b4", "#2ca02c", "#9467bd", "#17becf"};
    private static final String INFO_COLOR = "#ff7f0e";
    private static final String FAIL_COLOR = "#d62728";

    private HtmlReport() {}

    static String render(ChaosResult r) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Memstone chaos run</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:left}"
                + ".valid{color:#2a2}.invalid{color:#c22}</style></head><body>\n");
        h.append("<h1>Memstone chaos run: <span class='").append(r.valid() ? "valid'>valid" : "invalid'>NOT valid").append("</span></h1>\n");
        h.append("<p>").append(r.options().nodes()).append(" nodes, ").append(String.format("%.0f", r.durationNanos() / 1e9))
                .append(" s, workloads ").append(escape(String.join(", ", r.options().workloads())))
                .append(", nemeses ").append(escape(String.join(", ", r.options().nemeses())))
                .append(", seed ").append(r.options().seed()).append("</p>\n");
        for (String note : r.notes()) h.append("<p>").append(escape(note)).append("</p>\n");
        h.append("<p>Replicas after healing: ").append(r.divergence() == null ? "converged (same applied index and digest)"
                : "<b class='invalid'>diverged: " + escape(r.divergence()) + "</b>").append("</p>\n");

        h.append("<h2>Checks</h2><table><tr><th>workload</th><th>verdict</th><th>operations</th><th>stats</th></tr>\n");
        Map<String, Map<String, Long>> counts = r.operationCounts();
        for (Map.Entry<String, CheckResult> e : r.checks().entrySet()) {
            CheckResult c = e.getValue();
            h.append("<tr><td>").append(escape(e.getKey())).append(" (").append(c.checker()).append(")</td><td class='")
                    .append(c.valid() ? "valid'>valid" : "invalid'>NOT valid").append("</td><td>")
                    .append(escape(String.valueOf(counts.get(e.getKey())))).append("</td><td>")
                    .append(escape(c.stats().toString())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Map.Entry<String, CheckResult> e : r.checks().entrySet()) {
            if (e.getValue().anomalies().isEmpty()) continue;
            h.append("<h3>Anomalies: ").append(escape(e.getKey())).append("</h3><ul>");
            for (String a : e.getValue().anomalies()) h.append("<li><code>").append(escape(a)).append("</code></li>");
            h.append("</ul>\n");
        }

        h.append("<h2>Latency</h2>\n").append(latencyPlot(r));
        h.append("<h2>Throughput (acknowledged operations per second)</h2>\n").append(throughputPlot(r));

        h.append("<h2>Faults (").append(r.faults().size()).append(")</h2><table><tr><th>from (s)</th><th>to (s)</th><th>nemesis</th><th>what</th></tr>\n");
        for (FaultWindow f : r.faults()) {
            h.append(String.format("<tr><td>%.1f</td><td>%.1f</td><td>%s</td><td>%s</td></tr>%n",
                    f.start() / 1e9, f.end() / 1e9, escape(f.nemesis()), escape(f.description())));
        }
        h.append("</table>\n<h2>Failover: fault on the leader to the first acknowledged write</h2><ul>\n");
        r.failoverMillis().forEach((nemesis, ms) ->
                h.append("<li>").append(escape(nemesis)).append(": ").append(FailoverTimes.summary(ms)).append("</li>\n"));
        h.append("</ul>\n");
        if (!r.nemesisErrors().isEmpty()) {
            h.append("<h2>Nemesis errors</h2><ul>");
            for (String e : r.nemesisErrors()) h.append("<li>").append(escape(e)).append("</li>");
            h.append("</ul>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String latencyPlot(ChaosResult r) {
        double seconds = r.durationNanos() / 1e9;
        double maxMillis = Math.max(10, r.options().opTimeout().toMillis() * 2.0);
        SvgPlot plot = new SvgPlot(seconds, 0.1, maxMillis, true).faults(r.faults());
        List<String[]> legend = new ArrayList<>();
        List<double[]> info = new ArrayList<>();
        List<double[]> fail = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, History> e : r.histories().entrySet()) {
            List<double[]> ok = new ArrayList<>();
            for (OpPair p : e.getValue().pairs()) {
                double[] point = {p.start() / 1e9, (p.end() - p.start()) / 1e6};
                if (p.ok()) ok.add(point);
                else if (p.type() == Op.Type.INFO) info.add(point);
                else fail.add(point);
            }
            String color = COLORS[i++ % COLORS.length];
            plot.points(sample(ok), color);
            legend.add(new String[] {e.getKey() + " ok", color});
        }
        plot.points(sample(info), INFO_COLOR).points(sample(fail), FAIL_COLOR);
        legend.add(new String[] {"info (indeterminate)", INFO_COLOR});
        legend.add(new String[] {"fail", FAIL_COLOR});
        return plot.render("latency (ms, log)", legend);
    }

    private static String throughputPlot(ChaosResult r) {
        int seconds = (int) Math.ceil(r.durationNanos() / 1e9);
        List<String[]> legend = new ArrayList<>();
        List<long[]> perWorkload = new ArrayList<>();
        long max = 1;
        for (History h : r.histories().values()) {
            long[] perSecond = new long[seconds + 1];
            for (OpPair p : h.pairs()) {
                int s = (int) (p.end() / 1_000_000_000L);
                if (p.ok() && s >= 0 && s <= seconds) perSecond[s]++;
            }
            for (long n : perSecond) max = Math.max(max, n);
            perWorkload.add(perSecond);
        }
        SvgPlot plot = new SvgPlot(seconds, 0, max * 1.1, false).faults(r.faults());
        int i = 0;
        for (String name : r.histories().keySet()) {
            long[] perSecond = perWorkload.get(i);
            List<double[]> line = new ArrayList<>();
            for (int s = 0; s < seconds; s++) line.add(new double[] {s + 0.5, perSecond[s]});
            String color = COLORS[i++ % COLORS.length];
            plot.line(line, color);
            legend.add(new String[] {name, color});
        }
        return plot.render("ops/s", legend);
    }

    /** Every k-th point so that at most MAX_POINTS remain. */
    private static List<double[]> sample(List<double[]> points) {
        int k = Math.max(1, (points.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i += k) out.add(points.get(i));
        return out;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
