package io.memstone.engine;

/** A value in the keyspace: one of Redis' data types. */
public abstract class RedisValue {
    /**
     * The snapshot capture whose saved state of some key shares this value, or 0: a command
     * about to change it in place copies it for the capture first (see {@link SnapshotCapture}).
     * A field, so that the check on every in-place change costs one load.
     */
    int capturedBy;
    /**
     * Access state for eviction and OBJECT IDLETIME/FREQ ({@link AccessClock}): not data, so
     * never digested, snapshotted or replicated; 0 until the value is first stored.
     */
    long accessMs;
    /** Redis' LFU counter and its last decay minute ({@link Lfu}); same footing as {@link #accessMs}. */
    int lfu;
    /** What this value and its key count for in {@link Keyspace#dataBytes} since last estimated. */
    long accountedBytes;

    /** The name TYPE replies with: {@code string}, {@code list}, {@code hash}, ... */
    public abstract String typeName();

    /** Feeds the value's contents to a digest, so equal contents give equal digests. */
    public abstract void digestInto(java.security.MessageDigest md);

    /** The name OBJECT ENCODING replies with, as redis-server 7.0 would for the same contents. */
    public abstract String encoding();

    /** A copy that shares nothing mutable with this value (COPY). */
    public abstract RedisValue copy();

    /** Whether clients may wait for elements of this type (BLPOP, BZPOPMIN...): see {@link Engine#readyKeys}. */
    boolean servesBlockedClients() {
        return false;
    }
}
