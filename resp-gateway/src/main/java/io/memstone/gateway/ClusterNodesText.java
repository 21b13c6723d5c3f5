package io.memstone.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * CLUSTER NODES' text: one line per node, {@code <id> <ip:port@bus> <flags> <master> <ping-sent>
 * <pong-recv> <config-epoch> <link-state> <slot ranges...>}. A node is a master of the slots of
 * the shards it leads; one that leads none is shown as a replica of its first shard's primary.
 */
final class ClusterNodesText {
    private ClusterNodesText() {}

    static String render(ClusterView v) {
        StringBuilder out = new StringBuilder();
        for (ClusterView.Node n : v.nodes()) {
            List<ClusterView.Shard> led = v.shards().stream().filter(s -> s.primary().equals(n.name())).toList();
            ClusterView.Shard first = v.shards().stream().filter(s -> s.members().contains(n.name())).findFirst().orElse(null);
            boolean master = !led.isEmpty() || first == null;
            String flags = (n.name().equals(v.self()) ? "myself," : "") + (master ? "master" : "slave");
            String masterId = master ? "-" : ClusterView.nodeId(first.primary());
            out.append(ClusterView.nodeId(n.name())).append(' ')
                    .append(n.host()).append(':').append(n.port()).append('@').append(n.busPort()).append(' ')
                    .append(flags).append(' ').append(masterId).append(" 0 0 ").append(v.epoch()).append(" connected");
            for (String range : ranges(led)) out.append(' ').append(range);
            out.append('\n');
        }
        return out.toString();
    }

    private static List<String> ranges(List<ClusterView.Shard> shards) {
        List<String> out = new ArrayList<>();
        for (ClusterView.Shard s : shards) {
            for (int[] r : s.slots()) out.add(r[0] == r[1] ? Integer.toString(r[0]) : r[0] + "-" + r[1]);
        }
        return out;
    }
}
