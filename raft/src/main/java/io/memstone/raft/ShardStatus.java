package io.memstone.raft;

import java.util.List;

/**
 * This node's view of one shard group, for INFO and the admin service.
 *
 * @param members the group's voters and listeners, as this replica's configuration lists them
 */
public record ShardStatus(String shard, String role, String leaderId, long term,
                          long commitIndex, long appliedIndex, List<String> members) {}
