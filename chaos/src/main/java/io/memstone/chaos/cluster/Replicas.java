package io.memstone.chaos.cluster;

import io.memstone.proto.admin.GroupStatus;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * The shard as the nodes' admin services report it, whatever runs the nodes: who leads, and
 * whether every replica holds the same data.
 */
final class Replicas {
    /** A node's view of the shard, or null when it is down, paused or does not answer. */
    @FunctionalInterface
    interface Probe {
        GroupStatus status(int node, boolean withDigest);
    }

    private final int size;
    private final IntFunction<String> nodeId;
    private final Probe probe;
    private final IntFunction<String> exited;

    /** @param exited why node i has stopped by itself (and where its log is), or null while it runs or was killed */
    Replicas(int size, IntFunction<String> nodeId, Probe probe, IntFunction<String> exited) {
        this.size = size;
        this.nodeId = nodeId;
        this.probe = probe;
        this.exited = exited;
    }

    /** The node leading the shard now (the highest term among those that say so), if any. */
    OptionalInt leader() {
        int leader = -1;
        long term = -1;
        for (int i = 0; i < size; i++) {
            GroupStatus s = probe.status(i, false);
            if (s != null && s.getRole().equals("leader") && s.getTerm() > term) {
                leader = i;
                term = s.getTerm();
            }
        }
        return leader < 0 ? OptionalInt.empty() : OptionalInt.of(leader);
    }

    /** Waits until a leader is elected; fails at once when a node has exited. */
    void awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (leader().isEmpty()) {
            for (int i = 0; i < size; i++) {
                String why = exited.apply(i);
                if (why != null) throw new IllegalStateException(why);
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("no leader elected within " + timeout);
            Thread.sleep(100);
        }
    }

    /** Waits until a leader is elected and all replicas agree; returns what was still wrong at the timeout, or null. */
    String awaitConverged(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String problem;
        do {
            problem = divergence();
            if (problem == null) return null;
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return problem;
    }

    /** What keeps the replicas from agreeing now, or null. */
    private String divergence() {
        if (leader().isEmpty()) return "no leader";
        GroupStatus first = null;
        for (int i = 0; i < size; i++) {
            String why = exited.apply(i);
            if (why != null) return why;
            GroupStatus s = probe.status(i, true);
            if (s == null) return nodeId.apply(i) + " does not answer";
            if (first == null) {
                first = s;
            } else if (s.getAppliedIndex() != first.getAppliedIndex() || !s.getDigest().equals(first.getDigest())) {
                return nodeId.apply(i) + " applied " + s.getAppliedIndex() + " digest " + s.getDigest() + ", "
                        + nodeId.apply(0) + " applied " + first.getAppliedIndex() + " digest " + first.getDigest();
            }
        }
        return null;
    }
}
