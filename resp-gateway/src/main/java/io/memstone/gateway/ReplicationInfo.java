package io.memstone.gateway;

import java.util.List;

/**
 * What ROLE, LASTSAVE and INFO's replication and persistence sections report: this node's part
 * in the shard that holds slot 0, in Redis' terms. The Raft leader is the master; its
 * followers are the replicas; log indexes stand for replication offsets; snapshots for saves.
 */
public interface ReplicationInfo {

    Replication replication();

    Persistence persistence();

    /**
     * @param master        whether this node leads the shard
     * @param shard         the shard's name (replication ids derive from it)
     * @param offset        this replica's applied index
     * @param masterHost    the leader's host, empty while no leader is known (replicas only)
     * @param masterPort    the leader's RESP port (replicas only)
     * @param replicas      the followers, as the leader sees them (master only)
     */
    record Replication(boolean master, String shard, long offset, String masterHost, int masterPort,
                       List<Replica> replicas) {}

    /** A follower: its RESP address, the last index it holds, seconds since it last answered. */
    record Replica(String host, int port, long offset, long lagSeconds) {}

    /**
     * @param lastSnapshotMs       when the newest snapshot was written (ms since the epoch; 0: none)
     * @param changesSinceSnapshot log entries applied after it
     */
    record Persistence(long lastSnapshotMs, long changesSinceSnapshot, long logBytes) {}

    /** A lone node: master without replicas, nothing saved. */
    ReplicationInfo STANDALONE = new ReplicationInfo() {
        @Override
        public Replication replication() {
            return new Replication(true, "standalone", 0, "", 0, List.of());
        }

        @Override
        public Persistence persistence() {
            return new Persistence(0, 0, 0);
        }
    };
}
