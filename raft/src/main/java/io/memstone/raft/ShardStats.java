package io.memstone.raft;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.rocksdb.RocksDBException;

/**
 * Live figures of one shard group on this node, read when asked: for metrics, INFO, ROLE and
 * LASTSAVE. A group this node does not (yet) host reads as empty: zeros, -1 for indexes.
 */
public final class ShardStats {
    private final RaftNode raft;
    private final String shard;

    public ShardStats(RaftNode raft, String shard) {
        this.raft = raft;
        this.shard = shard;
    }

    /** What the leader knows of a follower: its id, the last index it holds, and when it last answered. */
    public record Follower(String id, long matchIndex, long lastContactMs) {}

    public String shard() {
        return shard;
    }

    /** The shard's Raft group id as Ratis prints it ({@code group-C90A4DA0B8FB}), which names its metrics. */
    public String groupId() {
        return ShardGroups.groupId(shard).toString();
    }

    public ShardStatus status() {
        return raft.status(shard);
    }

    /** Index of the last entry in the local log (-1 when empty). */
    public long lastLogIndex() {
        return division().map(d -> {
            TermIndex last = d.getRaftLog().getLastEntryTermIndex();
            return last == null ? -1L : last.getIndex();
        }).orElse(-1L);
    }

    /** Index of the first entry still in the local log (older ones are purged behind snapshots). */
    public long logStartIndex() {
        return division().map(d -> d.getRaftLog().getStartIndex()).orElse(-1L);
    }

    /** Bytes of the local Raft log's segment files (payloads in RocksDB not included). */
    public long logBytes() {
        return division().map(d -> {
            File[] segments = d.getRaftStorage().getStorageDir().getCurrentDir().listFiles((dir, name) -> name.startsWith("log_"));
            long total = 0;
            if (segments != null) for (File f : segments) total += f.length();
            return total;
        }).orElse(0L);
    }

    /** Index of the newest snapshot on disk (-1 when none). */
    public long snapshotIndex() {
        return snapshot().map(SnapshotInfo::getIndex).orElse(-1L);
    }

    /** When the newest snapshot on disk was written, ms since the epoch (0 when none). */
    public long lastSnapshotMs() {
        return snapshot().filter(s -> !s.getFiles().isEmpty()).map(s -> {
            try {
                return Files.getLastModifiedTime(s.getFiles().get(0).getPath()).toMillis();
            } catch (IOException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    /** Leader changes seen by this replica since the node started. */
    public long leaderChanges() {
        return stateMachine().map(ShardStateMachine::leaderChanges).orElse(0L);
    }

    /** Keys in this replica's keyspace (expired ones not yet deleted included). */
    public long keys() {
        return stateMachine().map(sm -> sm.withEngine(e -> (long) e.keyspace().size())).orElse(0L);
    }

    /** This replica's data bytes (see {@link io.memstone.engine.Keyspace#dataBytes}). */
    public long dataBytes() {
        return stateMachine().map(ShardStateMachine::dataBytes).orElse(0L);
    }

    /** Keys this replica has evicted over maxmemory (through the log, so as many as every replica). */
    public long evictedKeys() {
        return stateMachine().map(ShardStateMachine::evictedKeys).orElse(0L);
    }

    /** The followers' progress, when this node leads the group; empty otherwise. */
    public List<Follower> followers() {
        return division().map(d -> {
            DivisionInfo info = d.getInfo();
            List<Follower> out = new ArrayList<>();
            if (!info.isLeader()) return out;
            List<ServerRpcProto> peers = info.getRoleInfoProto().getLeaderInfo().getFollowerInfoList();
            long[] matched = info.getFollowerMatchIndices();
            // Both lists come from the leader's appenders in the same order; a membership change
            // between the two reads can make them differ, and then there is nothing to report.
            if (matched == null || matched.length != peers.size()) return out;
            for (int i = 0; i < matched.length; i++) {
                out.add(new Follower(peers.get(i).getId().getId().toStringUtf8(), matched[i],
                        peers.get(i).getLastRpcElapsedTimeMs()));
            }
            return out;
        }).orElse(List.of());
    }

    /** Whether log payloads live in RocksDB here (log.payloads = rocksdb). */
    public boolean hasPayloadStore() {
        return payloadStore() != null;
    }

    /**
     * An integer property of the RocksDB payload store ({@code rocksdb.estimate-num-keys}...);
     * -1 when there is no store or it is closing.
     */
    public long payloadStoreProperty(String property) {
        LogPayloadStore store = payloadStore();
        try {
            return store == null ? -1 : store.property(property);
        } catch (RocksDBException closing) {
            return -1;
        }
    }

    /** Ids of the group's members, this node included. */
    public List<String> members() {
        return division().map(d -> d.getGroup().getPeers().stream().map(p -> p.getId().toString()).toList())
                .orElse(List.of());
    }

    public ProposerQueue writeQueue() {
        return raft.shard(shard).writeQueue();
    }

    public ProposerQueue readQueue() {
        return raft.shard(shard).readQueue();
    }

    private LogPayloadStore payloadStore() {
        return stateMachine().map(ShardStateMachine::payloadStore).orElse(null);
    }

    private Optional<SnapshotInfo> snapshot() {
        return stateMachine().map(ShardStateMachine::getLatestSnapshot);
    }

    private Optional<RaftServer.Division> division() {
        try {
            return Optional.of(raft.division(shard));
        } catch (IOException | RuntimeException notHosted) {
            return Optional.empty();
        }
    }

    private Optional<ShardStateMachine> stateMachine() {
        return division().map(d -> (ShardStateMachine) d.getStateMachine());
    }
}
