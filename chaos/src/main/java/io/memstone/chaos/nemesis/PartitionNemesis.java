package io.memstone.chaos.nemesis;

import io.memstone.chaos.cluster.ChaosCluster;
import io.memstone.chaos.cluster.ChaosCluster.Link;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Network partitions of several shapes, healed by removing every cut. */
final class PartitionNemesis implements Nemesis {
    enum Shape {
        /** The leader alone on one side. */
        LEADER,
        /** A random minority apart from the majority. */
        HALVES,
        /** Nodes in a random ring, each reaching only its two neighbours: every node sees a majority (with 5 nodes), no two the same one. */
        RING,
        /** Two halves that cannot reach each other, and one node that reaches both. */
        BRIDGE
    }

    private final Shape shape;

    PartitionNemesis(Shape shape) {
        this.shape = shape;
    }

    @Override
    public String name() {
        return "partition-" + shape.name().toLowerCase();
    }

    @Override
    public Fault inject(ChaosCluster cluster, Random random) throws Exception {
        int n = cluster.size();
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(order, random);
        OptionalInt leader = cluster.leader();
        if (shape == Shape.LEADER && leader.isPresent()) {
            order.remove(Integer.valueOf(leader.getAsInt()));
            order.add(0, leader.getAsInt());
        }
        Set<Link> cut = new HashSet<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (separated(i, j, n)) cut.add(new Link(order.get(i), order.get(j)));
            }
        }
        cluster.cut(cut);
        String description = name() + " cut " + (cut.isEmpty() ? "nothing" : cut.stream()
                .map(l -> cluster.nodeId(l.a()) + "-" + cluster.nodeId(l.b())).sorted().collect(Collectors.joining(",")));
        // The leader must go when it no longer reaches a majority (itself included).
        boolean hitLeader = leader.isPresent() && n - cut.stream()
                .filter(l -> l.a() == leader.getAsInt() || l.b() == leader.getAsInt()).count() <= n / 2;
        return new Fault(description, hitLeader, cluster::healNetwork);
    }

    /** Whether positions i < j of the shuffled order end up unable to talk. */
    private boolean separated(int i, int j, int n) {
        int minority = Math.max(1, (n - 1) / 2);
        switch (shape) {
            case LEADER:
                return i == 0;
            case HALVES:
                return i < minority && j >= minority;
            case RING:
                int distance = j - i;
                return distance != 1 && distance != n - 1;
            case BRIDGE:
                // Position n / 2 is the bridge; below it one side, above it the other.
                int bridge = n / 2;
                return i < bridge && j > bridge;
            default:
                throw new IllegalStateException(shape.name());
        }
    }
}
