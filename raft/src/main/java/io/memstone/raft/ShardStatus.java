package io.memstone.raft;

/** This node's view of one shard group, for INFO and the admin service. */
public record ShardStatus(String shard, String role, String leaderId, long term,
                          long commitIndex, long appliedIndex) {}
