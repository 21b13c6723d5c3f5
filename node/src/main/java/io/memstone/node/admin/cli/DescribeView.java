package io.memstone.node.admin.cli;

import io.memstone.proto.admin.DescribeClusterReply;
import io.memstone.proto.admin.GroupRole;
import io.memstone.proto.admin.MemberView;
import io.memstone.proto.admin.NodeView;
import io.memstone.proto.admin.ShardView;
import io.memstone.proto.meta.NodeInfo;
import io.memstone.proto.meta.SlotRange;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** {@code memstone admin describe} as tables: the nodes, then each group's members with their indexes and lag. */
final class DescribeView {
    private DescribeView() {}

    static void print(DescribeClusterReply d, PrintWriter out) {
        out.printf("Cluster epoch %d: %d nodes, %d shards; meta group leader %s%n%n", d.getEpoch(), d.getNodesCount(),
                d.getShardsCount(), orNone(d.getMeta().getLeader()));
        TextTable nodes = new TextTable("NODE", "ZONE", "HOST", "RESP", "RAFT", "ADMIN", "STATUS", "ROLES");
        for (NodeView v : d.getNodesList()) {
            NodeInfo n = v.getNode();
            nodes.row(n.getId(), n.getZone(), n.getHost(), n.getRespPort(), n.getRaftPort(), n.getAdminPort(),
                    v.getReachable() ? "up" : "unreachable",
                    v.getReachable() ? v.getRolesList().stream().map(DescribeView::role).collect(Collectors.joining(" ")) : v.getError());
        }
        nodes.print(out);
        out.println();
        TextTable groups = new TextTable("GROUP", "SLOTS", "LEADER", "PREFERRED", "MEMBER", "ROLE", "COMMIT", "APPLIED", "LAG");
        for (ShardView s : d.getShardsList()) rows(groups, s);
        rows(groups, d.getMeta());
        groups.print(out);
    }

    /** A group's first row names it; its other members follow on rows of their own. */
    private static void rows(TextTable t, ShardView s) {
        String slots = s.getSlotsList().stream().map(DescribeView::range).collect(Collectors.joining(","));
        boolean first = true;
        for (MemberView m : s.getMembersList()) {
            t.row(first ? s.getName() : "", first ? orDash(slots) : "", first ? orNone(s.getLeader()) : "",
                    first ? orDash(s.getPreferredLeader()) : "", m.getNodeId(), m.getRole(),
                    m.getReachable() ? m.getCommitIndex() : "-", m.getReachable() ? m.getAppliedIndex() : "-",
                    m.getReachable() && !s.getLeader().isEmpty() ? m.getLag() : "-");
            first = false;
        }
    }

    private static String role(GroupRole r) {
        return r.getGroup() + ":" + r.getRole();
    }

    private static String range(SlotRange r) {
        return r.getFirst() == r.getLast() ? Integer.toString(r.getFirst()) : r.getFirst() + "-" + r.getLast();
    }

    private static String orNone(String s) {
        return s.isEmpty() ? "none" : s;
    }

    private static String orDash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
