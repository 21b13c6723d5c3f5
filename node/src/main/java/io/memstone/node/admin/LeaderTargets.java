package io.memstone.node.admin;

import io.memstone.proto.admin.MemberView;
import io.memstone.proto.admin.ShardView;
import io.memstone.proto.meta.NodeInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Which member of a shard leadership goes to: one in a chosen zone, or on failover the best other member. */
final class LeaderTargets {
    private LeaderTargets() {}

    /** The shard's member in {@code zone}: the leader if it is there already, else the most up-to-date reachable one. */
    static String inZone(ShardView shard, String zone, Map<String, NodeInfo> nodes) {
        List<MemberView> inZone = shard.getMembersList().stream().filter(m -> zone.equals(zoneOf(m, nodes))).toList();
        if (inZone.isEmpty()) {
            throw new IllegalArgumentException(shard.getName() + " has no member in " + zone + " (members: "
                    + String.join(", ", shard.getMembersList().stream().map(m -> m.getNodeId() + " in " + zoneOf(m, nodes)).toList()) + ")");
        }
        return inZone.stream().filter(m -> m.getNodeId().equals(shard.getLeader())).findFirst()
                .or(() -> inZone.stream().filter(MemberView::getReachable).max(Comparator.comparingLong(MemberView::getAppliedIndex)))
                .map(MemberView::getNodeId)
                .orElseThrow(() -> new IllegalStateException(shard.getName() + "'s members in " + zone + " are unreachable: "
                        + inZone.stream().map(MemberView::getNodeId).toList()));
    }

    /** Another reachable member than the leader: in another zone if one is, then the most up to date. */
    static String failover(ShardView shard, Map<String, NodeInfo> nodes) {
        String leaderZone = nodes.containsKey(shard.getLeader()) ? nodes.get(shard.getLeader()).getZone() : "";
        return shard.getMembersList().stream()
                .filter(m -> m.getReachable() && !m.getNodeId().equals(shard.getLeader()))
                .max(Comparator.comparing((MemberView m) -> !leaderZone.equals(zoneOf(m, nodes)))
                        .thenComparingLong(MemberView::getAppliedIndex))
                .map(MemberView::getNodeId)
                .orElseThrow(() -> new IllegalStateException(shard.getName() + " has no other reachable member to fail over to"));
    }

    private static String zoneOf(MemberView m, Map<String, NodeInfo> nodes) {
        NodeInfo n = nodes.get(m.getNodeId());
        return n == null ? "?" : n.getZone();
    }
}
