package io.memstone.node;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.memstone.gateway.MetricName;
import io.memstone.gateway.SummingTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Dropwizard registry in Prometheus' text exposition format (version 0.0.4). Names are
 * Prometheus series already ({@link MetricName}); metrics of one family are written together
 * under one TYPE line:
 * <ul>
 * <li>Counter: counter.
 * <li>Gauge: gauge, or counter when the family ends in {@code _total} (a count kept elsewhere,
 *     such as the JVM's GC count). Values that are not numbers or booleans are skipped.
 * <li>Timer: summary in seconds with quantiles 0.5, 0.99, 0.999 and {@code _count}, plus
 *     {@code _sum} for a {@link SummingTimer}.
 * <li>Histogram: summary of its values, quantiles and {@code _count}.
 * </ul>
 * Meters are not written (Memstone registers none).
 */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final double[] QUANTILES = {0.5, 0.99, 0.999};
    private static final double NANOS_PER_SECOND = 1e9;

    private PrometheusText() {}

    static String render(MetricRegistry registry) {
        Map<String, List<Map.Entry<String, Metric>>> families = new TreeMap<>();
        for (Map.Entry<String, Metric> e : new TreeMap<>(registry.getMetrics()).entrySet()) {
            families.computeIfAbsent(MetricName.family(e.getKey()), f -> new ArrayList<>()).add(e);
        }
        StringBuilder out = new StringBuilder();
        families.forEach((family, metrics) -> family(out, family, metrics));
        return out.toString();
    }

    private static void family(StringBuilder out, String family, List<Map.Entry<String, Metric>> metrics) {
        StringBuilder series = new StringBuilder();
        String type = null;
        for (Map.Entry<String, Metric> e : metrics) {
            String labels = MetricName.labels(e.getKey());
            Metric m = e.getValue();
            if (m instanceof Counter c) {
                type = "counter";
                sample(series, family, labels, c.getCount());
            } else if (m instanceof Gauge<?> g) {
                Double v = number(g);
                if (v == null) continue;
                type = family.endsWith("_total") ? "counter" : "gauge";
                sample(series, family, labels, v);
            } else if (m instanceof Timer t) {
                type = "summary";
                quantiles(series, family, labels, t, NANOS_PER_SECOND);
                if (t instanceof SummingTimer s) sample(series, family + "_sum", labels, s.totalNanos() / NANOS_PER_SECOND);
                sample(series, family + "_count", labels, t.getCount());
            } else if (m instanceof Histogram h) {
                type = "summary";
                quantiles(series, family, labels, h, 1);
                sample(series, family + "_count", labels, h.getCount());
            }
        }
        if (type == null) return;
        out.append("# TYPE ").append(family).append(' ').append(type).append('\n').append(series);
    }

    private static void quantiles(StringBuilder out, String family, String labels, Sampling sampled, double divisor) {
        Snapshot s = sampled.getSnapshot();
        for (double q : QUANTILES) {
            String withQuantile = (labels.isEmpty() ? "" : labels + ",") + "quantile=\"" + q + "\"";
            sample(out, family, withQuantile, s.getValue(q) / divisor);
        }
    }

    private static Double number(Gauge<?> g) {
        Object v;
        try {
            v = g.getValue();
        } catch (RuntimeException unreadable) {
            return null; // e.g. a shard closing under us: leave the series out of this scrape
        }
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof Boolean b) return b ? 1.0 : 0.0;
        return null;
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) out.append('{').append(labels).append('}');
        out.append(' ').append(format(value)).append('\n');
    }

    /** Whole numbers without a fraction, others as Java prints doubles (Prometheus parses both). */
    static String format(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
