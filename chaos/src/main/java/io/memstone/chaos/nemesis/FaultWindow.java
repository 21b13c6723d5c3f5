package io.memstone.chaos.nemesis;

/** When a fault was in place (nanoseconds since the run started), what it was, and whether it hit the leader. */
public record FaultWindow(String nemesis, String description, boolean hitLeader, long start, long end) {}
