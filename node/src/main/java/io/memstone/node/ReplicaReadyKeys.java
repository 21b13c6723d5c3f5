package io.memstone.node;

import io.memstone.gateway.ReadyKeySource;
import io.memstone.raft.RaftNode;
import java.util.List;
import java.util.function.Consumer;

/**
 * The gateway hears of keys that received elements from this node's own shard replicas, after
 * they apply an entry: no message between nodes, and each node hears of every shard it holds.
 */
final class ReplicaReadyKeys implements ReadyKeySource {
    private final RaftNode raft;

    ReplicaReadyKeys(RaftNode raft) {
        this.raft = raft;
    }

    @Override
    public void onReadyKeys(Consumer<List<byte[]>> listener) {
        raft.onReadyKeys(listener);
    }

    @Override
    public boolean covers(int slot) {
        return raft.hostsSlot(slot);
    }
}
