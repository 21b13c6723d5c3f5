package io.memstone.node;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Timer;
import io.memstone.gateway.MetricName;
import io.memstone.gateway.SummingTimer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Dropwizard registry as the Prometheus client's metric snapshots, which its exporter writes in
 * every exposition format. The client's own Dropwizard bridge cannot be used: Memstone's names
 * carry their labels ({@link MetricName}), which it would mangle into the metric name. One family
 * per name before the labels:
 * <ul>
 * <li>Counter: counter.
 * <li>Gauge: gauge, or counter when the family ends in {@code _total} (a count kept elsewhere,
 *     such as the JVM's GC count). Values that are not numbers or booleans are left out.
 * <li>Timer: summary in seconds with quantiles 0.5, 0.99, 0.999 and a count, plus the sum for a
 *     {@link SummingTimer}.
 * <li>Histogram: summary of its values, quantiles and count.
 * </ul>
 * Meters are left out (Memstone registers none).
 */
final class DropwizardCollector implements MultiCollector {
    private static final double[] QUANTILES = {0.5, 0.99, 0.999};
    private static final double NANOS_PER_SECOND = 1e9;
    private static final String TOTAL = "_total";

    private final MetricRegistry registry;
    private final Runnable beforeScrape;

    /** {@code beforeScrape} brings the registry up to date (series that come and go) before each scrape. */
    DropwizardCollector(MetricRegistry registry, Runnable beforeScrape) {
        this.registry = registry;
        this.beforeScrape = beforeScrape;
    }

    @Override
    public MetricSnapshots collect() {
        beforeScrape.run();
        Map<String, List<Map.Entry<String, Metric>>> families = new TreeMap<>();
        for (Map.Entry<String, Metric> e : registry.getMetrics().entrySet()) {
            families.computeIfAbsent(MetricName.family(e.getKey()), f -> new ArrayList<>()).add(e);
        }
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        families.forEach((family, metrics) -> {
            MetricSnapshot s = family(family, metrics);
            if (s != null) out.metricSnapshot(s);
        });
        return out.build();
    }

    /** The family's snapshot, typed by its first metric; null when none of them has a value. */
    private static MetricSnapshot family(String family, List<Map.Entry<String, Metric>> metrics) {
        Metric first = metrics.get(0).getValue();
        boolean counter = first instanceof Counter || (first instanceof Gauge<?> && family.endsWith(TOTAL));
        if (counter) {
            // The client names a counter without its _total, which it writes back on the samples.
            String name = family.endsWith(TOTAL) ? family.substring(0, family.length() - TOTAL.length()) : family;
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(name);
            forEach(metrics, (labels, m) -> {
                Double v = m instanceof Counter c ? Double.valueOf(c.getCount()) : number(m);
                if (v != null) b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(v).build());
            });
            return b.build();
        }
        if (first instanceof Gauge<?>) {
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(family);
            forEach(metrics, (labels, m) -> {
                Double v = number(m);
                if (v != null) b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(v).build());
            });
            return b.build();
        }
        if (first instanceof Timer || first instanceof Histogram) {
            SummarySnapshot.Builder b = SummarySnapshot.builder().name(family);
            forEach(metrics, (labels, m) -> {
                if (m instanceof Sampling sampled && m instanceof com.codahale.metrics.Counting counted) {
                    var point = SummarySnapshot.SummaryDataPointSnapshot.builder().labels(labels)
                            .quantiles(quantiles(sampled, m instanceof Timer ? NANOS_PER_SECOND : 1)).count(counted.getCount());
                    if (m instanceof SummingTimer t) point.sum(t.totalNanos() / NANOS_PER_SECOND);
                    b.dataPoint(point.build());
                }
            });
            return b.build();
        }
        return null;
    }

    private interface PointWriter {
        void write(Labels labels, Metric m);
    }

    private static void forEach(List<Map.Entry<String, Metric>> metrics, PointWriter w) {
        for (Map.Entry<String, Metric> e : metrics) {
            Map<String, String> labels = MetricName.parse(e.getKey()).labels();
            w.write(Labels.of(new ArrayList<>(labels.keySet()), new ArrayList<>(labels.values())), e.getValue());
        }
    }

    private static Quantiles quantiles(Sampling sampled, double divisor) {
        var s = sampled.getSnapshot();
        List<Quantile> qs = new ArrayList<>();
        for (double q : QUANTILES) qs.add(new Quantile(q, s.getValue(q) / divisor));
        return Quantiles.of(qs);
    }

    private static Double number(Metric m) {
        if (!(m instanceof Gauge<?> g)) return null;
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
}
