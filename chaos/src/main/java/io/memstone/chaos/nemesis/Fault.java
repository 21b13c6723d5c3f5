package io.memstone.chaos.nemesis;

/** A fault in place, until {@link #heal}. */
public interface Fault {
    /** What was done to which nodes, for the report. */
    String description();

    /** Whether the fault hit the node that was leading, so the time to the next write is a failover time. */
    boolean hitLeader();

    void heal() throws Exception;
}
