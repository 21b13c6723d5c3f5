package io.memstone.chaos.nemesis;

import io.memstone.chaos.cluster.ChaosCluster;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Collectors;

/** kill -9 (healed by a restart with the node's data) or SIGSTOP (healed by SIGCONT) of the targets. */
final class ProcessNemesis implements Nemesis {
    enum Action { KILL, PAUSE }

    private final Action action;
    private final Target target;

    ProcessNemesis(Action action, Target target) {
        this.action = action;
        this.target = target;
    }

    @Override
    public String name() {
        return action.name().toLowerCase() + "-" + target.label();
    }

    @Override
    public Fault inject(ChaosCluster cluster, Random random) throws Exception {
        OptionalInt leader = cluster.leader();
        List<Integer> nodes = target.select(cluster, leader, random);
        for (int node : nodes) {
            if (action == Action.KILL) cluster.kill(node);
            else cluster.pause(node);
        }
        String description = (action == Action.KILL ? "killed " : "paused ")
                + nodes.stream().map(cluster::nodeId).collect(Collectors.joining(","));
        boolean hitLeader = leader.isPresent() && nodes.contains(leader.getAsInt());
        return new Fault(description, hitLeader, () -> {
            for (int node : nodes) {
                if (action == Action.KILL) cluster.restart(node);
                else cluster.resume(node);
            }
        });
    }
}
