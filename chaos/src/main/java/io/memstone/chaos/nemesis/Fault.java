package io.memstone.chaos.nemesis;

/**
 * A fault in place, until {@link #heal}.
 *
 * @param description what was done to which nodes, for the report
 * @param hitLeader   whether the fault hit the node that was leading, so the time to the next
 *                    write is a failover time
 * @param healing     what undoes it
 */
public record Fault(String description, boolean hitLeader, Healing healing) {
    /** Undoes a fault. */
    @FunctionalInterface
    public interface Healing {
        void run() throws Exception;
    }

    public void heal() throws Exception {
        healing.run();
    }
}
