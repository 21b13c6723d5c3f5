package io.memstone.node;

import io.memstone.gateway.ClusterView;
import io.memstone.gateway.ServerInfo;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.proto.meta.SlotRange;
import io.memstone.raft.ClusterShape;
import io.memstone.raft.RaftNode;
import io.memstone.raft.ShardGroups;
import io.memstone.raft.ShardStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What INFO and HELLO report about this node: identity, zone, and Raft state of slot 0's shard. */
final class NodeServerInfo implements ServerInfo {
    private final NodeConfig.Member self;
    private final RaftNode raft;

    NodeServerInfo(NodeConfig.Member self, RaftNode raft) {
        this.self = self;
        this.raft = raft;
    }

    @Override
    public String nodeId() {
        return self.id();
    }

    @Override
    public String zone() {
        return self.zone();
    }

    @Override
    public int port() {
        return self.respPort();
    }

    /**
     * Shards' leaders as this node's replica sees them, or for a shard it holds no replica of
     * (or whose leader it does not know yet) as the meta group last recorded; with neither, the
     * preferred leader stands in, since any gateway forwards.
     */
    @Override
    public ClusterView cluster() {
        ClusterShape shape = raft.shape();
        if (shape == null) return null;
        List<ClusterView.Node> nodes = shape.nodes().stream()
                .map(n -> new ClusterView.Node(n.getId(), n.getHost(), n.getRespPort(), n.getRaftPort())).toList();
        List<List<SlotRange>> ranges = shape.rangesByShard();
        List<ClusterView.Shard> shards = new ArrayList<>();
        for (int i = 0; i < shape.shards().size(); i++) {
            ShardInfo s = shape.shards().get(i);
            String leader = raft.status(s.getName()).leaderId();
            if (leader.isEmpty()) leader = s.getLeader();
            shards.add(new ClusterView.Shard(s.getName(),
                    ranges.get(i).stream().map(r -> new int[] {r.getFirst(), r.getLast()}).toList(),
                    s.getMembersList(), leader.isEmpty() ? s.getPreferredLeader() : leader, !leader.isEmpty()));
        }
        return new ClusterView(self.id(), shape.map().getEpoch(), nodes, shards);
    }

    @Override
    public long dataBytes() {
        long total = 0;
        for (String shard : raft.hostedShards()) total += Math.max(0, raft.dataBytes(shard));
        return total;
    }

    @Override
    public long shardDataBytes(int slot) {
        ClusterShape shape = raft.shape();
        ShardInfo shard = shape == null ? null : shape.shardOf(slot);
        return shard == null ? -1 : raft.dataBytes(shard.getName());
    }

    @Override
    public long evictedKeys() {
        long total = 0;
        for (String shard : raft.hostedShards()) total += raft.evictedKeys(shard);
        return total;
    }

    @Override
    public Map<String, String> raftInfo() {
        ShardStatus s = raft.status(ShardGroups.FIRST_SHARD);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("raft_shard", s.shard());
        fields.put("raft_role", s.role());
        fields.put("raft_leader_id", s.leaderId());
        fields.put("raft_term", Long.toString(s.term()));
        fields.put("raft_commit_index", Long.toString(s.commitIndex()));
        fields.put("raft_applied_index", Long.toString(s.appliedIndex()));
        // Then one line per group this node holds, in the style of INFO keyspace's db0 lines.
        ClusterShape shape = raft.shape();
        List<String> groups = new ArrayList<>();
        if (shape != null) shape.shardsOn(self.id()).forEach(g -> groups.add(g.getName()));
        groups.add(ShardGroups.META);
        for (String g : groups) {
            ShardStatus gs = raft.status(g);
            fields.put("raft_group_" + g, "role=" + gs.role() + ",leader=" + gs.leaderId() + ",term=" + gs.term()
                    + ",commit=" + gs.commitIndex() + ",applied=" + gs.appliedIndex());
        }
        return fields;
    }
}
