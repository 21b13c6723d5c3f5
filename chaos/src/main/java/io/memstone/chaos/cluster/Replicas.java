package io.memstone.chaos.cluster;

import io.memstone.proto.admin.GroupStatus;
import io.memstone.proto.admin.HealthReply;
import io.memstone.raft.ShardGroups;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * The Raft groups as the nodes' admin services report them, whatever runs the nodes: who leads
 * the first shard (the leader the nemeses aim at) and the meta group, and whether every replica
 * of every shard holds the same data.
 */
final class Replicas {
    /** A node's Health, or null when it is down, paused or does not answer. */
    @FunctionalInterface
    interface Probe {
        HealthReply health(int node, boolean withDigest);
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

    /** The node leading the first shard now (the highest term among those that say so), if any. */
    OptionalInt leader() {
        return leader(ShardGroups.FIRST_SHARD);
    }

    /** The node leading the group now (the highest term among those that say so), if any. */
    OptionalInt leader(String group) {
        int leader = -1;
        long term = -1;
        for (int i = 0; i < size; i++) {
            GroupStatus s = group(probe.health(i, false), group);
            if (s != null && s.getRole().equals("leader") && s.getTerm() > term) {
                leader = i;
                term = s.getTerm();
            }
        }
        return leader < 0 ? OptionalInt.empty() : OptionalInt.of(leader);
    }

    /** Waits until the first shard has a leader; fails at once when a node has exited. */
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

    /** Waits until every shard has a leader and all its replicas agree; returns what was still wrong at the timeout, or null. */
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
        List<HealthReply> health = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String why = exited.apply(i);
            if (why != null) return why;
            HealthReply h = probe.health(i, true);
            if (h == null) return nodeId.apply(i) + " does not answer";
            health.add(h);
        }
        // Each shard's replicas, in node order: a node holds the shards the cluster's shape gives it.
        Map<String, List<GroupStatus>> shards = new LinkedHashMap<>();
        for (HealthReply h : health) {
            for (GroupStatus g : h.getGroupsList()) {
                if (!g.getGroupId().equals(ShardGroups.META)) shards.computeIfAbsent(g.getGroupId(), k -> new ArrayList<>()).add(g);
            }
        }
        if (shards.isEmpty()) return "no node holds a shard";
        for (Map.Entry<String, List<GroupStatus>> shard : shards.entrySet()) {
            List<GroupStatus> replicas = shard.getValue();
            if (replicas.stream().noneMatch(g -> g.getRole().equals("leader"))) return shard.getKey() + " has no leader";
            GroupStatus first = replicas.get(0);
            for (GroupStatus g : replicas) {
                if (g.getAppliedIndex() != first.getAppliedIndex() || !g.getDigest().equals(first.getDigest())) {
                    return shard.getKey() + ": replicas applied " + replicas.stream()
                            .map(r -> r.getAppliedIndex() + " (digest " + r.getDigest() + ")").toList();
                }
            }
        }
        return null;
    }

    /** The group's status in a node's Health, or null. */
    static GroupStatus group(HealthReply health, String group) {
        if (health == null) return null;
        return health.getGroupsList().stream().filter(g -> g.getGroupId().equals(group)).findFirst().orElse(null);
    }
}
