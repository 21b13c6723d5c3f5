package io.memstone.chaos;

import java.time.Duration;
import java.util.List;

/**
 * One chaos run: how many nodes, for how long, which workloads and nemeses, and the fault
 * schedule (quiet, then a fault for {@code fault}, healed, and again).
 */
public record ChaosOptions(int nodes, Duration time, List<String> workloads, List<String> nemeses,
                           Duration quiet, Duration fault, int clientsPerWorkload, Duration opTimeout, long seed) {

    public static ChaosOptions defaults() {
        return new ChaosOptions(3, Duration.ofSeconds(60), List.of("register", "counter"), List.of("all"),
                Duration.ofSeconds(10), Duration.ofSeconds(10), 4, Duration.ofSeconds(3), System.currentTimeMillis());
    }

    public ChaosOptions withTime(Duration t) {
        return new ChaosOptions(nodes, t, workloads, nemeses, quiet, fault, clientsPerWorkload, opTimeout, seed);
    }

    public ChaosOptions withWorkloads(List<String> w) {
        return new ChaosOptions(nodes, time, w, nemeses, quiet, fault, clientsPerWorkload, opTimeout, seed);
    }

    public ChaosOptions withNemeses(List<String> n) {
        return new ChaosOptions(nodes, time, workloads, n, quiet, fault, clientsPerWorkload, opTimeout, seed);
    }

    public ChaosOptions withSchedule(Duration q, Duration f) {
        return new ChaosOptions(nodes, time, workloads, nemeses, q, f, clientsPerWorkload, opTimeout, seed);
    }
}
