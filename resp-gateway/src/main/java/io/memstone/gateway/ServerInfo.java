package io.memstone.gateway;

import java.util.Map;

/** What INFO and HELLO need to know about the node the gateway runs in. */
public interface ServerInfo {

    /** This node's id, as in the cluster config. */
    String nodeId();

    /** This node's zone tag ({@code zone-a}). */
    String zone();

    /** The RESP port clients connect to (reported as INFO's {@code tcp_port}). */
    int port();

    /**
     * Ordered fields of INFO's {@code # Raft} section for the shard holding slot 0:
     * {@code raft_role} (leader|follower|candidate), {@code raft_leader_id}, {@code raft_term},
     * {@code raft_commit_index}, {@code raft_applied_index}; then one
     * {@code raft_group_<name>:role=...,leader=...,term=...,commit=...,applied=...} line per
     * Raft group the node holds.
     */
    Map<String, String> raftInfo();

    /** The cluster's shape and leaders now; null until the cluster is bootstrapped. */
    ClusterView cluster();

    /**
     * Data bytes (keys, values and their overhead, as each shard counts them) of every shard
     * replica this node holds: INFO's used_memory.
     */
    long dataBytes();

    /**
     * Data bytes of this node's replica of the shard serving {@code slot}, as of its last
     * applied entry; -1 when this node holds none.
     */
    long shardDataBytes(int slot);

    /** Keys evicted over maxmemory from the shards this node holds replicas of (INFO's evicted_keys). */
    long evictedKeys();
}
