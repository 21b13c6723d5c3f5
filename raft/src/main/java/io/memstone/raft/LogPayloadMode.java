package io.memstone.raft;

/** Where a shard's log entry payloads (the command batches) are persisted. */
public enum LogPayloadMode {
    /** In RocksDB through {@code StateMachine.DataApi}; Ratis' segments keep term/index/conf. */
    ROCKSDB,
    /** Inside Ratis' own segmented log files. */
    SEGMENTED
}
