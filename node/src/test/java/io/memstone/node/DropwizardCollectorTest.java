package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.UniformReservoir;
import io.memstone.gateway.MetricName;
import io.memstone.gateway.SummingTimer;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DropwizardCollectorTest {
    @Test
    void familiesAreTypedLabelledAndWrittenByTheClientsTextFormat() throws Exception {
        MetricRegistry r = new MetricRegistry();
        r.counter(MetricName.of("memstone_calls_total", "command", "set")).inc(3);
        r.counter(MetricName.of("memstone_calls_total", "command", "get")).inc(1);
        r.register("memstone_heap_bytes", (Gauge<Long>) () -> 1024L);
        r.register("memstone_ratio", (Gauge<Double>) () -> 0.25);
        r.register("memstone_age_seconds", (Gauge<Double>) () -> Double.NaN);
        r.register("memstone_up", (Gauge<Boolean>) () -> true);
        r.register("memstone_gc_total", (Gauge<Integer>) () -> 7);
        r.register("memstone_name", (Gauge<String>) () -> "not a number");
        r.register("memstone_closing", (Gauge<Long>) () -> {
            throw new IllegalStateException("shard closed");
        });
        SummingTimer t = r.register(MetricName.of("memstone_duration_seconds", "command", "set"), new SummingTimer());
        t.update(2, TimeUnit.MILLISECONDS);
        Histogram h = r.register(MetricName.of("memstone_batch_size", "shard", "s0", "role", "leader"), new Histogram(new UniformReservoir()));
        h.update(5);
        AtomicInteger refreshed = new AtomicInteger();

        var snapshots = new DropwizardCollector(r, refreshed::incrementAndGet).collect();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, snapshots, EscapingScheme.DEFAULT);

        assertEquals(1, refreshed.get(), "the registry is brought up to date once per scrape");
        assertEquals("""
                # TYPE memstone_age_seconds gauge
                memstone_age_seconds NaN
                # TYPE memstone_batch_size summary
                memstone_batch_size{role="leader",shard="s0",quantile="0.5"} 5.0
                memstone_batch_size{role="leader",shard="s0",quantile="0.99"} 5.0
                memstone_batch_size{role="leader",shard="s0",quantile="0.999"} 5.0
                memstone_batch_size_count{role="leader",shard="s0"} 1
                # TYPE memstone_calls_total counter
                memstone_calls_total{command="get"} 1.0
                memstone_calls_total{command="set"} 3.0
                # TYPE memstone_duration_seconds summary
                memstone_duration_seconds{command="set",quantile="0.5"} 0.002
                memstone_duration_seconds{command="set",quantile="0.99"} 0.002
                memstone_duration_seconds{command="set",quantile="0.999"} 0.002
                memstone_duration_seconds_count{command="set"} 1
                memstone_duration_seconds_sum{command="set"} 0.002
                # TYPE memstone_gc_total counter
                memstone_gc_total 7.0
                # TYPE memstone_heap_bytes gauge
                memstone_heap_bytes 1024.0
                # TYPE memstone_ratio gauge
                memstone_ratio 0.25
                # TYPE memstone_up gauge
                memstone_up 1.0
                """, out.toString(StandardCharsets.UTF_8));
    }
}
