package io.memstone.raft;

/** A replica's keyspace digest and key count, with the applied index they were taken at. */
public record ShardDigest(String digest, long keys, long appliedIndex) {}
