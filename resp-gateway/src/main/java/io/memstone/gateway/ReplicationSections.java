package io.memstone.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * INFO's persistence and replication sections from {@link ReplicationInfo}: snapshots stand
 * for RDB saves (there is no AOF: the Raft log is the durable record), the shard's Raft group
 * for the master and its replicas. Every replica of a shard shows the same replication id.
 */
final class ReplicationSections {
    private static final String NO_ID = "0".repeat(40);

    private final ReplicationInfo info;

    ReplicationSections(ReplicationInfo info) {
        this.info = info;
    }

    void persistence(InfoText out) {
        ReplicationInfo.Persistence p = info.persistence();
        out.section("Persistence")
                .zeros("loading", "async_loading", "current_cow_peak", "current_cow_size", "current_cow_size_age")
                .field("current_fork_perc", "0.00")
                .zeros("current_save_keys_processed", "current_save_keys_total")
                .field("rdb_changes_since_last_save", p.changesSinceSnapshot())
                .zeros("rdb_bgsave_in_progress")
                .field("rdb_last_save_time", p.lastSnapshotMs() / 1000)
                .field("rdb_last_bgsave_status", "ok").field("rdb_last_bgsave_time_sec", -1)
                .field("rdb_current_bgsave_time_sec", -1)
                .zeros("rdb_saves", "rdb_last_cow_size", "rdb_last_load_keys_expired", "rdb_last_load_keys_loaded")
                // Every write is logged before it is acknowledged: Redis' AOF with appendfsync always.
                .field("aof_enabled", 1)
                .zeros("aof_rewrite_in_progress", "aof_rewrite_scheduled")
                .field("aof_last_rewrite_time_sec", -1).field("aof_current_rewrite_time_sec", -1)
                .field("aof_last_bgrewrite_status", "ok")
                .zeros("aof_rewrites", "aof_rewrites_consecutive_failures")
                .field("aof_last_write_status", "ok")
                .zeros("aof_last_cow_size", "module_fork_in_progress", "module_fork_last_cow_size")
                .field("aof_current_size", p.logBytes())
                .zeros("aof_base_size", "aof_pending_rewrite", "aof_buffer_length", "aof_pending_bio_fsync",
                        "aof_delayed_fsync");
    }

    void replication(InfoText out) {
        ReplicationInfo.Replication r = info.replication();
        out.section("Replication").field("role", r.master() ? "master" : "slave");
        if (r.master()) {
            List<ReplicationInfo.Replica> replicas = r.replicas();
            out.field("connected_slaves", replicas.size());
            for (int i = 0; i < replicas.size(); i++) {
                ReplicationInfo.Replica replica = replicas.get(i);
                out.field("slave" + i, "ip=" + replica.host() + ",port=" + replica.port() + ",state=online,offset="
                        + replica.offset() + ",lag=" + replica.lagSeconds());
            }
        } else {
            boolean up = !r.masterHost().isEmpty();
            out.field("master_host", r.masterHost()).field("master_port", r.masterPort())
                    .field("master_link_status", up ? "up" : "down")
                    .field("master_last_io_seconds_ago", up ? 0 : -1)
                    .zeros("master_sync_in_progress")
                    .field("slave_read_repl_offset", r.offset()).field("slave_repl_offset", r.offset())
                    .field("slave_priority", 100).field("slave_read_only", 1).field("replica_announced", 1)
                    .zeros("connected_slaves");
        }
        out.field("master_failover_state", "no-failover")
                .field("master_replid", replicationId(r.shard())).field("master_replid2", NO_ID)
                .field("master_repl_offset", r.offset()).field("second_repl_offset", -1)
                .zeros("repl_backlog_active").field("repl_backlog_size", 1048576)
                .zeros("repl_backlog_first_byte_offset", "repl_backlog_histlen");
    }

    /** 40 hex digits like Redis' replication id, the same for every replica of the shard. */
    static String replicationId(String shard) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(shard.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
