package io.memstone.raft;

import java.nio.file.Path;
import java.util.List;

/**
 * What a node's Raft server needs: who it is, who its peers are, where it keeps its log, and
 * the batching policy of its proposers.
 *
 * @param maxInFlight batches a proposer keeps outstanding per shard before it queues
 * @param maxBatch    commands at most in one batch
 * @param preferredLeaderZone zone whose member Raft should make leader when it can (empty: any)
 * @param retention   snapshot interval, snapshots kept, log segment size
 */
public record RaftNodeOptions(String selfId, List<PeerAddress> peers, Path storageDir,
                              LogPayloadMode payloadMode, int maxInFlight, int maxBatch,
                              String preferredLeaderZone, LogRetention retention) {}
