package io.memstone.engine;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/** What a command sees while it runs: its argv, the keyspace, the entry's time and seed. */
final class CommandContext {
    final Keyspace keyspace;
    /** Absolute ms: the batch timestamp for writes, the reader's clock for reads. */
    final long nowMs;
    /** Seeded from the batch; null for reads, which never draw randomness. */
    final Random random;
    /** Reads must not change state, not even to drop an expired key. */
    final boolean readOnly;
    byte[][] argv;

    CommandContext(Keyspace keyspace, long nowMs, Random random, boolean readOnly) {
        this.keyspace = keyspace;
        this.nowMs = nowMs;
        this.random = random;
        this.readOnly = readOnly;
    }

    void setArgv(byte[][] argv) {
        this.argv = argv;
    }

    static String lowerName(byte[] name) {
        return new String(name, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }
}
