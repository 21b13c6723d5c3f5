package io.memstone.gateway;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * INFO's memory and cpu sections. used_memory (and used_memory_dataset) is the data as the
 * shards count it (keys, values, overhead: what maxmemory is compared with); the JVM heap,
 * garbage included, stands for Redis' allocator figures and has names of its own
 * (memstone_heap_used...), the process' resident set for its RSS.
 */
final class ProcessInfo {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final Parameters parameters;
    private final ServerInfo server;
    private long peakMemory;

    ProcessInfo(Parameters parameters, ServerInfo server) {
        this.parameters = parameters;
        this.server = server;
    }

    void memory(InfoText out) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long used = server.dataBytes();
        long heapUsed = heap.getUsed();
        long rss = residentBytes(heap.getCommitted());
        long peak;
        synchronized (this) {
            peakMemory = Math.max(peakMemory, used);
            peak = peakMemory;
        }
        long system = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        long maxmemory = Long.parseUnsignedLong(parameters.get(ParameterTable.MAXMEMORY));
        out.section("Memory")
                .field("used_memory", used).field("used_memory_human", bytesToHuman(used))
                .field("used_memory_rss", rss).field("used_memory_rss_human", bytesToHuman(rss))
                .field("used_memory_peak", peak).field("used_memory_peak_human", bytesToHuman(peak))
                .field("used_memory_peak_perc", percent(used, peak))
                .zeros("used_memory_overhead", "used_memory_startup")
                .field("used_memory_dataset", used).field("used_memory_dataset_perc", percent(used, used))
                .field("allocator_allocated", heapUsed).field("allocator_active", heap.getCommitted())
                .field("allocator_resident", rss)
                .field("total_system_memory", system).field("total_system_memory_human", bytesToHuman(system))
                .zeros("used_memory_lua", "used_memory_vm_eval").field("used_memory_lua_human", "0B")
                .zeros("used_memory_scripts_eval", "number_of_cached_scripts", "number_of_functions",
                        "number_of_libraries", "used_memory_vm_functions", "used_memory_vm_total")
                .field("used_memory_vm_total_human", "0B").zeros("used_memory_functions", "used_memory_scripts")
                .field("used_memory_scripts_human", "0B")
                .field("maxmemory", Long.toUnsignedString(maxmemory)).field("maxmemory_human", bytesToHuman(maxmemory))
                .field("maxmemory_policy", parameters.get(ParameterTable.MAXMEMORY_POLICY))
                .field("allocator_frag_ratio", ratio(heap.getCommitted(), heapUsed))
                .field("allocator_frag_bytes", heap.getCommitted() - heapUsed)
                .field("allocator_rss_ratio", ratio(rss, heap.getCommitted()))
                .field("allocator_rss_bytes", rss - heap.getCommitted())
                .field("rss_overhead_ratio", ratio(rss, heapUsed)).field("rss_overhead_bytes", rss - heapUsed)
                .field("mem_fragmentation_ratio", ratio(rss, used)).field("mem_fragmentation_bytes", rss - used)
                .zeros("mem_not_counted_for_evict", "mem_replication_backlog", "mem_total_replication_buffers",
                        "mem_clients_slaves", "mem_clients_normal", "mem_cluster_links", "mem_aof_buffer")
                .field("mem_allocator", "jvm")
                .zeros("active_defrag_running", "lazyfree_pending_objects", "lazyfreed_objects")
                .field("memstone_heap_used", heapUsed).field("memstone_heap_used_human", bytesToHuman(heapUsed))
                .field("memstone_heap_committed", heap.getCommitted())
                .field("memstone_heap_max", heap.getMax());
    }

    /** Process CPU seconds; the user part is the sum over live threads, the rest counts as system. */
    void cpu(InfoText out) {
        long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long user = 0;
        for (long id : threads.getAllThreadIds()) user += Math.max(0, threads.getThreadUserTime(id));
        String sys = seconds(Math.max(0, total - user));
        out.section("CPU")
                .field("used_cpu_sys", sys).field("used_cpu_user", seconds(user))
                .field("used_cpu_sys_children", "0.000000").field("used_cpu_user_children", "0.000000")
                .field("used_cpu_sys_main_thread", sys).field("used_cpu_user_main_thread", seconds(user));
    }

    /** VmRSS from /proc (Linux); elsewhere the committed heap. */
    private static long residentBytes(long fallback) {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall back
        }
        return fallback;
    }

    /** Redis' bytesToHuman, of an unsigned number: B, K, M, G, T, P with two decimals, beyond that bytes again. */
    static String bytesToHuman(long n) {
        double d = n >= 0 ? n : n + 0x1p64;
        if (d < 1024) return n + "B";
        String units = "KMGTP";
        for (int u = 0; u < units.length(); u++) {
            double scale = Math.pow(1024, u + 1);
            if (d < scale * 1024) return String.format(Locale.ROOT, "%.2f%c", d / scale, units.charAt(u));
        }
        return Long.toUnsignedString(n) + "B";
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.2f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
    }

    private static String ratio(long a, long b) {
        return String.format(Locale.ROOT, "%.2f", b == 0 ? 0.0 : (double) a / b);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.6f", nanos / 1e9);
    }
}
