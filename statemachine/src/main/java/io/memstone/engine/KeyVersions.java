package io.memstone.engine;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * WATCH's change markers: a version per bucket of keys (by key hash), which every change to a
 * key of the bucket replaces. WATCH reads a key's version; EXEC, applied later, aborts unless it
 * is still the same. Buckets instead of a version per key keep the cost fixed (no memory per
 * key, nothing kept for deleted keys); the price is that a change to another key of the same
 * bucket also aborts, which is safe (a CAS loop retries) and rare with this many buckets.
 *
 * <p>Replicated state: versions are drawn from the batch's seed and a counter, so every replica
 * draws the same ones, and snapshots carry them. Seeded draws rather than a plain counter make
 * versions of different shards (and of one shard before and after a FLUSHALL) practically never
 * equal, so a transaction that lands on another shard than its WATCH read (a slot moved in
 * between) aborts instead of matching by chance.
 */
final class KeyVersions {
    static final int BUCKETS = 1 << 16;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long[] versions;
    private long counter;
    private long seed;

    KeyVersions() {
        this(new long[BUCKETS], 0);
    }

    private KeyVersions(long[] versions, long counter) {
        this.versions = versions;
        this.counter = counter;
    }

    /** Versions drawn from now on come from this batch's seed. */
    void begin(long batchSeed) {
        this.seed = batchSeed;
    }

    long of(Key key) {
        return versions[bucket(key)];
    }

    void bump(Key key) {
        versions[bucket(key)] = next();
    }

    /** Every bucket changes: for a FLUSHALL over more keys than there are buckets. */
    void bumpAll() {
        for (int i = 0; i < BUCKETS; i++) versions[i] = next();
    }

    /** A copy for a snapshot being written while versions go on changing. */
    KeyVersions copy() {
        return new KeyVersions(versions.clone(), counter);
    }

    /** SplitMix64 of the seed and a counter: distinct per draw of one seed, spread across seeds. */
    private long next() {
        long z = seed + ++counter * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int bucket(Key key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (BUCKETS - 1);
    }

    /** The counter, then the buckets ever changed (most are not, in a small shard) as (index, version). */
    void write(DataOutputStream out) throws IOException {
        out.writeLong(counter);
        int used = 0;
        for (long v : versions) if (v != 0) used++;
        out.writeInt(used);
        for (int i = 0; i < BUCKETS; i++) {
            if (versions[i] == 0) continue;
            out.writeInt(i);
            out.writeLong(versions[i]);
        }
    }

    /** Replaces these versions with what {@link #write} wrote. */
    void read(SnapshotInput in) throws IOException {
        java.util.Arrays.fill(versions, 0);
        counter = in.readLong();
        for (int n = in.readCount(); n > 0; n--) {
            int i = in.readInt();
            if (i < 0 || i >= BUCKETS) throw new CorruptSnapshotException("bad key version bucket " + i);
            versions[i] = in.readLong();
        }
    }
}
