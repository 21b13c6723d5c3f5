package io.memstone.chaos.nemesis;

import io.memstone.chaos.cluster.ChaosCluster;
import io.memstone.chaos.cluster.ChaosCluster.Link;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/**
 * A node leaves the cluster and comes back as a new machine with the same name, the way an
 * operator replaces a failed one: where partitions can be made it is first cut off from the
 * others (the change then happens during a partition, as in RedisRaft's "lost update after
 * membership change" bug), removed through the admin service, killed, its data deleted, and
 * started as a joining node. Healed by lifting the partition and adding it back to the shards it
 * held, waiting until they have caught up on it.
 */
final class MembershipNemesis implements Nemesis {
    static final String NAME = "membership";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fault inject(ChaosCluster cluster, Random random) throws Exception {
        OptionalInt leader = cluster.leader();
        int node = target(cluster.size(), leader, cluster.metaLeader(), random);
        boolean partition = cluster.partitionsUnavailable() == null;
        if (partition) cluster.cut(linksOf(cluster, node));
        try {
            cluster.removeMember(node);
        } catch (Exception e) {
            if (partition) cluster.healNetwork();
            throw e;
        }
        String description = (partition ? "cut off and removed " : "removed ") + cluster.nodeId(node) + ", data deleted";
        boolean hitLeader = leader.isPresent() && leader.getAsInt() == node;
        return new Fault(description, hitLeader, () -> {
            if (partition) cluster.healNetwork();
            cluster.addMember(node);
        });
    }

    /**
     * The first shard's leader (a failover to measure), unless it also leads the meta group:
     * that one makes the change, and removing it would have it remove itself. Then a random other node.
     */
    static int target(int size, OptionalInt leader, OptionalInt metaLeader, Random random) {
        if (leader.isPresent() && !leader.equals(metaLeader)) return leader.getAsInt();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (metaLeader.isEmpty() || metaLeader.getAsInt() != i) others.add(i);
        }
        return others.get(random.nextInt(others.size()));
    }

    private static Set<Link> linksOf(ChaosCluster cluster, int node) {
        Set<Link> links = new HashSet<>();
        for (int i = 0; i < cluster.size(); i++) {
            if (i != node) links.add(new Link(node, i));
        }
        return links;
    }
}
