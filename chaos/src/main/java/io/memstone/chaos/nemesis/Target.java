package io.memstone.chaos.nemesis;

import io.memstone.chaos.cluster.ChaosCluster;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.IntStream;

/** Which nodes a kill or pause hits, chosen when it is injected. */
enum Target {
    /** The current leader (a random node when there is none). */
    LEADER,
    /** A random minority: (n - 1) / 2 nodes. */
    MINORITY,
    ALL;

    /** @param leader the leader as the nemesis found it just before */
    List<Integer> select(ChaosCluster cluster, OptionalInt leader, Random random) {
        List<Integer> nodes = new ArrayList<>(IntStream.range(0, cluster.size()).boxed().toList());
        if (this == ALL) return nodes;
        if (this == LEADER) {
            return List.of(leader.isPresent() ? leader.getAsInt() : nodes.get(random.nextInt(nodes.size())));
        }
        Collections.shuffle(nodes, random);
        return List.copyOf(nodes.subList(0, Math.max(1, (cluster.size() - 1) / 2)));
    }

    String label() {
        return name().toLowerCase();
    }
}
