package io.memstone.chaos.nemesis;

import io.memstone.chaos.cluster.ChaosCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Moves the wall clock of the leader (which stamps every log entry with its time) and of a random
 * minority by 10 s to 2 min, forward or back; healed by putting the clocks right.
 */
final class ClockSkewNemesis implements Nemesis {
    static final String NAME = "clock-skew";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fault inject(ChaosCluster cluster, Random random) throws Exception {
        OptionalInt leader = cluster.leader();
        List<Integer> nodes = new ArrayList<>(Target.MINORITY.select(cluster, leader, random));
        if (leader.isPresent() && !nodes.contains(leader.getAsInt())) nodes.add(leader.getAsInt());
        StringBuilder description = new StringBuilder("clocks");
        for (int node : nodes) {
            long seconds = (10 + random.nextInt(111)) * (random.nextBoolean() ? 1 : -1);
            cluster.skewClock(node, Duration.ofSeconds(seconds));
            description.append(' ').append(cluster.nodeId(node)).append(seconds > 0 ? " +" : " ").append(seconds).append('s');
        }
        // The leader keeps leading: not a failover.
        return new Fault(description.toString(), false, () -> {
            for (int node : nodes) cluster.skewClock(node, Duration.ZERO);
        });
    }
}
