package io.memstone.node;

import io.memstone.gateway.ServerInfo;
import io.memstone.raft.RaftNode;
import io.memstone.raft.ShardGroups;
import io.memstone.raft.ShardStatus;
import java.util.LinkedHashMap;
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
        return fields;
    }
}
