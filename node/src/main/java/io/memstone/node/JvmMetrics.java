package io.memstone.node;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.memstone.gateway.MetricName;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The JVM's memory, garbage collection, threads and CPU, as {@code memstone_jvm_*} / {@code memstone_process_*} gauges. */
final class JvmMetrics {
    private JvmMetrics() {}

    static void register(MetricRegistry registry) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        gauge(registry, "memstone_jvm_heap_used_bytes", () -> memory.getHeapMemoryUsage().getUsed());
        gauge(registry, "memstone_jvm_heap_committed_bytes", () -> memory.getHeapMemoryUsage().getCommitted());
        gauge(registry, "memstone_jvm_heap_max_bytes", () -> memory.getHeapMemoryUsage().getMax());
        gauge(registry, "memstone_jvm_nonheap_used_bytes", () -> memory.getNonHeapMemoryUsage().getUsed());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gauge(registry, MetricName.of("memstone_jvm_gc_collections_total", "gc", gc.getName()), gc::getCollectionCount);
            gauge(registry, MetricName.of("memstone_jvm_gc_seconds_total", "gc", gc.getName()), () -> gc.getCollectionTime() / 1000.0);
        }
        gauge(registry, "memstone_jvm_threads", () -> ManagementFactory.getThreadMXBean().getThreadCount());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        gauge(registry, "memstone_process_cpu_seconds_total", () -> os.getProcessCpuTime() / 1e9);
    }

    private static void gauge(MetricRegistry registry, String name, Gauge<?> gauge) {
        registry.register(name, gauge);
    }
}
