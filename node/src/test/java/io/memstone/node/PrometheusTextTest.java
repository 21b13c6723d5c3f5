package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.UniformReservoir;
import io.memstone.gateway.MetricName;
import io.memstone.gateway.SummingTimer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    @Test
    void familiesAreGroupedTypedAndWrittenInTheTextFormat() {
        MetricRegistry r = new MetricRegistry();
        r.counter(MetricName.of("memstone_calls_total", "command", "set")).inc(3);
        r.counter(MetricName.of("memstone_calls_total", "command", "get")).inc(1);
        r.register("memstone_heap_bytes", (Gauge<Long>) () -> 1024L);
        r.register("memstone_ratio", (Gauge<Double>) () -> 0.25);
        r.register("memstone_age_seconds", (Gauge<Double>) () -> Double.NaN);
        r.register("memstone_up", (Gauge<Boolean>) () -> true);
        r.register("memstone_gc_total", (Gauge<Integer>) () -> 7);
        r.register("memstone_name", (Gauge<String>) () -> "not a number");
        SummingTimer t = r.register(MetricName.of("memstone_duration_seconds", "command", "set"), new SummingTimer());
        t.update(2, TimeUnit.MILLISECONDS);
        Histogram h = r.register(MetricName.of("memstone_batch_size", "shard", "s0"), new Histogram(new UniformReservoir()));
        h.update(5);
        assertEquals("""
                # TYPE memstone_age_seconds gauge
                memstone_age_seconds NaN
                # TYPE memstone_batch_size summary
                memstone_batch_size{shard="s0",quantile="0.5"} 5
                memstone_batch_size{shard="s0",quantile="0.99"} 5
                memstone_batch_size{shard="s0",quantile="0.999"} 5
                memstone_batch_size_count{shard="s0"} 1
                # TYPE memstone_calls_total counter
                memstone_calls_total{command="get"} 1
                memstone_calls_total{command="set"} 3
                # TYPE memstone_duration_seconds summary
                memstone_duration_seconds{command="set",quantile="0.5"} 0.002
                memstone_duration_seconds{command="set",quantile="0.99"} 0.002
                memstone_duration_seconds{command="set",quantile="0.999"} 0.002
                memstone_duration_seconds_sum{command="set"} 0.002
                memstone_duration_seconds_count{command="set"} 1
                # TYPE memstone_gc_total counter
                memstone_gc_total 7
                # TYPE memstone_heap_bytes gauge
                memstone_heap_bytes 1024
                # TYPE memstone_ratio gauge
                memstone_ratio 0.25
                # TYPE memstone_up gauge
                memstone_up 1
                """, PrometheusText.render(r));
    }

    @Test
    void numbersAreWrittenAsPrometheusParsesThem() {
        assertEquals("12", PrometheusText.format(12.0));
        assertEquals("-3", PrometheusText.format(-3));
        assertEquals("1.5E-4", PrometheusText.format(0.00015));
        assertEquals("+Inf", PrometheusText.format(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.format(Double.NEGATIVE_INFINITY));
        assertEquals("1.0E20", PrometheusText.format(1e20));
    }
}
