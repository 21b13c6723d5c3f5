package io.memstone.raft;

import io.memstone.proto.meta.NodeInfo;
import io.memstone.proto.meta.ShardInfo;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;

/** The Ratis groups of the cluster's shape: who is a member of the meta group and of each shard. */
final class RaftPeers {
    /** Voters of the meta group; further nodes follow it as listeners. */
    static final int META_VOTERS = 5;

    private RaftPeers() {}

    /** The meta group of {@code nodes}: the first {@value #META_VOTERS} vote, the others listen. */
    static RaftGroup metaGroup(List<NodeInfo> nodes) {
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            RaftPeer.Builder p = peer(nodes.get(i));
            if (i >= META_VOTERS) p.setStartupRole(RaftPeerRole.LISTENER);
            peers.add(p.build());
        }
        return RaftGroup.valueOf(ShardGroups.groupId(ShardGroups.META), peers);
    }

    /** The meta group's members as an applied shape knows them (nodes added since start included). */
    static RaftGroup metaGroup(ClusterShape shape) {
        List<RaftPeer> peers = shape.nodes().stream().map(n -> peer(n).build()).toList();
        return RaftGroup.valueOf(ShardGroups.groupId(ShardGroups.META), peers);
    }

    /** A shard's members; Ratis hands leadership to the preferred one once it has caught up. */
    static RaftGroup shardGroup(ClusterShape shape, ShardInfo shard) {
        List<RaftPeer> peers = new ArrayList<>();
        for (String id : shard.getMembersList()) {
            NodeInfo n = shape.node(id).orElseThrow(() -> new IllegalStateException("shard " + shard.getName() + " names unknown node " + id));
            peers.add(peer(n).setPriority(id.equals(shard.getPreferredLeader()) ? 1 : 0).build());
        }
        return RaftGroup.valueOf(ShardGroups.groupId(shard.getName()), peers);
    }

    static RaftPeer.Builder peer(NodeInfo n) {
        return RaftPeer.newBuilder().setId(n.getId()).setAddress(n.getHost() + ":" + n.getRaftPort());
    }
}
