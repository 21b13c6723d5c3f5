package io.memstone.node.admin;

import io.memstone.proto.admin.DescribeClusterReply;
import io.memstone.proto.admin.GroupRole;
import io.memstone.proto.admin.GroupStatus;
import io.memstone.proto.admin.HealthReply;
import io.memstone.proto.admin.MemberView;
import io.memstone.proto.admin.NodeView;
import io.memstone.proto.admin.ShardView;
import io.memstone.proto.meta.NodeInfo;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.proto.meta.SlotRange;
import io.memstone.raft.ClusterShape;
import io.memstone.raft.ShardGroups;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as DescribeCluster shows it: the shape (nodes, shards, slots) from the meta group,
 * and roles, indexes and reachability from what each node just reported about itself.
 */
final class ClusterDescription {
    private ClusterDescription() {}

    static DescribeClusterReply of(ClusterShape shape, ClusterProbe probe) {
        DescribeClusterReply.Builder reply = DescribeClusterReply.newBuilder().setEpoch(shape.map().getEpoch());
        for (NodeInfo n : shape.nodes()) {
            NodeView.Builder view = NodeView.newBuilder().setNode(n);
            HealthReply h = probe.replies().get(n.getId());
            if (h == null) {
                view.setReachable(false).setError(probe.errors().getOrDefault(n.getId(), "not asked"));
            } else {
                view.setReachable(true);
                for (GroupStatus g : h.getGroupsList()) {
                    view.addRoles(GroupRole.newBuilder().setGroup(g.getGroupId()).setRole(g.getRole()));
                }
            }
            reply.addNodes(view);
        }
        List<List<SlotRange>> ranges = shape.rangesByShard();
        for (int i = 0; i < shape.shards().size(); i++) {
            ShardInfo s = shape.shards().get(i);
            reply.addShards(group(s.getName(), s.getMembersList(), probe).addAllSlots(ranges.get(i))
                    .setPreferredLeader(s.getPreferredLeader()));
        }
        reply.setMeta(group(ShardGroups.META, metaMembers(probe), probe));
        return reply.build();
    }

    /** The meta group's members as its leader's configuration lists them (else any member's), unreachable ones too. */
    private static List<String> metaMembers(ClusterProbe probe) {
        List<GroupStatus> reported = probe.replies().values().stream()
                .flatMap(h -> h.getGroupsList().stream()).filter(g -> g.getGroupId().equals(ShardGroups.META)).toList();
        return reported.stream().filter(g -> g.getRole().equals("leader")).findFirst()
                .or(() -> reported.stream().filter(g -> g.getMembersCount() > 0).findFirst())
                .<List<String>>map(GroupStatus::getMembersList).orElse(List.of());
    }

    /** A group's members as they report themselves; lag is measured against the leader's commit index. */
    private static ShardView.Builder group(String name, List<String> members, ClusterProbe probe) {
        ShardView.Builder view = ShardView.newBuilder().setName(name);
        Optional<GroupStatus> leader = members.stream().map(m -> status(probe, m, name)).flatMap(Optional::stream)
                .filter(g -> g.getRole().equals("leader")).max(Comparator.comparingLong(GroupStatus::getTerm));
        leader.ifPresent(l -> view.setLeader(l.getLeaderId()));
        for (String m : members) {
            MemberView.Builder member = MemberView.newBuilder().setNodeId(m);
            Optional<GroupStatus> s = status(probe, m, name);
            member.setReachable(probe.replies().containsKey(m));
            if (s.isPresent()) {
                GroupStatus g = s.get();
                member.setRole(g.getRole()).setCommitIndex(g.getCommitIndex()).setAppliedIndex(g.getAppliedIndex());
                leader.ifPresent(l -> member.setLag(Math.max(0, l.getCommitIndex() - g.getAppliedIndex())));
            } else {
                member.setRole(member.getReachable() ? "absent" : "unreachable");
            }
            view.addMembers(member);
        }
        return view;
    }

    private static Optional<GroupStatus> status(ClusterProbe probe, String node, String group) {
        HealthReply h = probe.replies().get(node);
        if (h == null) return Optional.empty();
        return h.getGroupsList().stream().filter(g -> g.getGroupId().equals(group)).findFirst();
    }
}
