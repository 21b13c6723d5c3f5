package io.memstone.raft;

import io.memstone.engine.Engine;
import io.memstone.proto.meta.NodeInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * What a node's Raft server needs: who it is, the cluster's nodes and the number of shards a
 * new cluster starts with, where it keeps its logs, and the batching policy of its proposers.
 *
 * @param nodes       every node of the cluster, this one included
 * @param shards      shards of a new cluster (an existing one keeps the shape its meta group holds)
 * @param maxInFlight batches a proposer keeps outstanding per shard before it queues
 * @param maxBatch    commands at most in one batch
 * @param retention   snapshot interval, snapshots kept, log segment size
 * @param join        the node joins an existing cluster: it waits to be added instead of bootstrapping one
 */
public record RaftNodeOptions(String selfId, List<NodeInfo> nodes, int shards, Path storageDir,
                              LogPayloadMode payloadMode, int maxInFlight, int maxBatch, LogRetention retention,
                              boolean join) {
    public RaftNodeOptions {
        // A batch retried at a new leader is recognised only within the engine's window of batches per proposer.
        if (maxInFlight < 1 || maxInFlight > Engine.RETRIED_BATCH_WINDOW) {
            throw new IllegalArgumentException("proposer.max-in-flight must be between 1 and " + Engine.RETRIED_BATCH_WINDOW
                    + ", not " + maxInFlight);
        }
    }

    NodeInfo self() {
        return nodes.stream().filter(n -> n.getId().equals(selfId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node " + selfId + " is not among the nodes"));
    }
}
