package io.memstone.node;

import io.memstone.gateway.ReplicationInfo;
import io.memstone.raft.ShardStats;
import io.memstone.raft.ShardStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * ROLE, LASTSAVE and INFO replication/persistence for this node: its part in the shard of
 * slot 0, with members' RESP addresses from the cluster config.
 */
final class NodeReplicationInfo implements ReplicationInfo {
    private final NodeConfig config;
    private final ShardStats shard;

    NodeReplicationInfo(NodeConfig config, ShardStats shard) {
        this.config = config;
        this.shard = shard;
    }

    @Override
    public Replication replication() {
        ShardStatus s = shard.status();
        if (s.role().equals("leader")) {
            List<Replica> replicas = new ArrayList<>();
            for (ShardStats.Follower f : shard.followers()) {
                NodeConfig.Member m = member(f.id());
                if (m != null) replicas.add(new Replica(m.host(), m.respPort(), f.matchIndex(), f.lastContactMs() / 1000));
            }
            return new Replication(true, s.shard(), s.appliedIndex(), "", 0, replicas);
        }
        NodeConfig.Member leader = member(s.leaderId());
        return new Replication(false, s.shard(), s.appliedIndex(), leader == null ? "" : leader.host(),
                leader == null ? 0 : leader.respPort(), List.of());
    }

    @Override
    public Persistence persistence() {
        long snapshot = shard.snapshotIndex();
        return new Persistence(shard.lastSnapshotMs(), shard.status().appliedIndex() - Math.max(0, snapshot), shard.logBytes());
    }

    private NodeConfig.Member member(String id) {
        return config.members().stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }
}
