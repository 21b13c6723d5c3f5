package io.memstone.engine;

/** The shard's keys, values and absolute expiry times. */
public final class Keyspace {
}
