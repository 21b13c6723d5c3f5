package io.memstone.engine;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The shard's keys, values and absolute expiry times (ms). A key whose expiry is in the past
 * reads as absent; {@link #getExpiring} also deletes it (Redis' lazy expiry), which is
 * deterministic because writes run at the batch's timestamp.
 *
 * <p>Every change to a key passes through the methods here, so they also bump the key's WATCH
 * version ({@link KeyVersions}). A key a write command fetches (of the right type) counts as
 * changed even if the command then changes nothing (SADD of a present member, or a source key
 * of SUNIONSTORE): WATCH may abort where Redis would not, never the other way. Deleting an expired key is no change: it already read as absent (Redis 7.0
 * likewise does not abort a WATCH that saw the key expired).
 */
public final class Keyspace {
    /** Keys {@link #reserve} makes room for at most, up front; the table grows past it as usual. */
    private static final int RESERVE_CAP = 1 << 24;
    /** Replaced, not cleared, by FLUSHALL: a snapshot being written may still read the old ones. */
    private Dict<Key, RedisValue> values = new Dict<>();
    private Dict<Key, Long> expires = new Dict<>();
    /** The snapshot being written, if any: it saves what it still needs before a change. */
    private SnapshotCapture capture;
    /** Numbers the captures, so a value's stale mark from an earlier one never matches. */
    private int captures;
    private final KeyVersions versions = new KeyVersions();
    /** Keys the batch being applied changed or created; see {@link Engine#readyKeys}. */
    private final Set<Key> changedInBatch = new HashSet<>();
    /** Sum of the live values' {@link RedisValue#accountedBytes}: see {@link #dataBytes}. */
    private long entryBytes;
    /** The batch's timestamp: when values stored by it count as created ({@link AccessClock}). */
    private long clockMs;
    /** Keys deleted by eviction ({@code __evict}), as INFO's evicted_keys. */
    private long evictedKeys;
    /** Keys that held a stream when the batch deleted or replaced them: waiting XREADGROUPs are told. */
    private final Set<Key> streamsGoneInBatch = new HashSet<>();

    /** The live value, or null if absent or expired at {@code nowMs}. Changes nothing. */
    public RedisValue get(Key key, long nowMs) {
        RedisValue v = values.get(key);
        return v == null || isExpired(key, nowMs) ? null : v;
    }

    /**
     * Like {@link #get} for a command through the log: an expired key found is deleted. The
     * key does not count as changed yet; a command that will change it calls {@link #touch}.
     */
    RedisValue getExpiring(Key key, long nowMs) {
        RedisValue v = values.get(key);
        if (v != null && isExpired(key, nowMs)) {
            deleteExpired(key);
            return null;
        }
        if (v != null && capture != null) capture.beforeInPlaceChange(key, v);
        return v;
    }

    /** The key, fetched with {@link #getExpiring}, is about to change in place. */
    void touch(Key key) {
        versions.bump(key);
        changedInBatch.add(key);
    }

    /** The key's WATCH version; see {@link KeyVersions}. */
    long version(Key key) {
        return versions.of(key);
    }

    /** Versions drawn while the batch applies come from its seed; values it stores are created at its time. */
    void beginBatch(long seed, long timestampMs) {
        versions.begin(seed);
        changedInBatch.clear();
        clockMs = timestampMs;
        streamsGoneInBatch.clear();
    }

    /**
     * Values stored from now on count as created at {@code nowMs} until a batch begins: a
     * snapshot's keys count as accessed when it is loaded, as Redis' objects loaded from an RDB.
     */
    void setClock(long nowMs) {
        clockMs = nowMs;
    }

    /**
     * The data's bytes, as INFO's used_memory_dataset: every key's entry and value as
     * {@link MemoryEstimate} puts them, plus the expiry entries. Kept as keys change, and
     * re-estimated for the keys a batch changed in place when it ends ({@link #accountChanged});
     * a function of the data only, so every replica of a shard counts the same bytes.
     */
    public long dataBytes() {
        return entryBytes + (long) expires.size() * MemoryEstimate.EXPIRE_ENTRY;
    }

    /** Re-estimates the keys the batch changed: values changed in place have other sizes now. */
    void accountChanged() {
        for (Key k : changedInBatch) {
            RedisValue v = values.get(k);
            if (v != null) account(k, v);
        }
    }

    private void account(Key key, RedisValue v) {
        long bytes = MemoryEstimate.entry(key, v);
        entryBytes += bytes - v.accountedBytes;
        v.accountedBytes = bytes;
    }

    /** {@code old} left the keyspace: a value replaced by another, or deleted. */
    private void unaccount(RedisValue old) {
        entryBytes -= old.accountedBytes;
        old.accountedBytes = 0;
    }

    /** The value at {@code key} leaves the keyspace for eviction; false when it is absent. */
    boolean evict(Key key) {
        if (!delete(key)) return false;
        evictedKeys++;
        return true;
    }

    /** Keys evicted so far; replicated (evictions go through the log), so every replica agrees. */
    public long evictedKeys() {
        return evictedKeys;
    }

    /** The bytes the key last counted for, 0 when absent. */
    long bytesOf(Key key) {
        RedisValue v = values.get(key);
        return v == null ? 0 : v.accountedBytes;
    }

    /** A key drawn from {@code random} among all keys, or among those with an expiry; null when none. */
    Key sampleKey(boolean withExpiry, java.util.Random random) {
        return withExpiry ? expires.randomKey(random) : values.randomKey(random);
    }

    /** The stored value, expired or not, for ranking eviction candidates; null when absent. */
    RedisValue peekValue(Key key) {
        return values.get(key);
    }

    /**
     * The keys the last batch changed that now hold a value clients may wait for elements of, or
     * that held a stream it deleted or replaced: a waiting XREADGROUP is then answered an error.
     */
    List<byte[]> readyKeys() {
        List<byte[]> ready = new ArrayList<>();
        for (Key k : changedInBatch) {
            RedisValue v = values.get(k);
            if (v != null && v.servesBlockedClients() || streamsGoneInBatch.contains(k)) ready.add(k.bytes());
        }
        return ready;
    }

    KeyVersions versions() {
        return versions;
    }

    /** Starts a snapshot's view of this keyspace, in O(1); one at a time. */
    SnapshotCapture capture(List<AppliedBatches.Batch> batches) {
        if (capture != null) throw new IllegalStateException("a snapshot capture is already open");
        if (++captures == 0) captures = 1;
        capture = new SnapshotCapture(this, captures, values, expires, batches, versions.copy());
        return capture;
    }

    private void beforeChange(Key key) {
        if (capture != null) capture.beforeChange(key);
    }

    void endCapture(SnapshotCapture c) {
        if (capture == c) capture = null;
    }

    /** True if the key has an expiry that has passed (Redis: {@code now > when}). */
    public boolean isExpired(Key key, long nowMs) {
        Long when = expires.get(key);
        return when != null && nowMs > when;
    }

    /** Stores a value and drops any expiry (Redis' setKey without KEEPTTL). */
    void set(Key key, RedisValue value) {
        store(key, value);
        expires.remove(key);
    }

    /** Stores a value, keeping the key's expiry if it has one (Redis' dbAdd / dbOverwrite). */
    void putKeepingTtl(Key key, RedisValue value) {
        store(key, value);
    }

    private void store(Key key, RedisValue value) {
        changing(key);
        RedisValue old = values.put(key, value);
        if (old != null && old != value) unaccount(old);
        AccessClock.created(value, clockMs);
        account(key, value);
        replaced(key, old);
    }

    /** Deletes the key; deleting an absent key changes nothing, for WATCH either. */
    boolean delete(Key key) {
        RedisValue old = remove(key);
        if (old == null) return false;
        versions.bump(key);
        replaced(key, old);
        return true;
    }

    /** Deletes a key whose expiry has passed; no WATCH sees that as a change. */
    boolean deleteExpired(Key key) {
        return remove(key) != null;
    }

    private RedisValue remove(Key key) {
        beforeChange(key);
        expires.remove(key);
        RedisValue old = values.remove(key);
        if (old != null) unaccount(old);
        return old;
    }

    /** A value was deleted or replaced: a stream's waiting XREADGROUPs must learn it (see {@link #readyKeys}). */
    private void replaced(Key key, RedisValue old) {
        if (old instanceof StreamValue) {
            changedInBatch.add(key);
            streamsGoneInBatch.add(key);
        }
    }

    private void changing(Key key) {
        beforeChange(key);
        versions.bump(key);
        changedInBatch.add(key);
    }

    /** Absolute expiry in ms, or -1 when the key has none. */
    public long expireAt(Key key) {
        Long when = expires.get(key);
        return when == null ? -1 : when;
    }

    void setExpire(Key key, long whenMs) {
        changing(key);
        expires.put(key, whenMs);
    }

    boolean removeExpire(Key key) {
        beforeChange(key);
        boolean removed = expires.remove(key) != null;
        if (removed) versions.bump(key);
        return removed;
    }

    /**
     * FLUSHALL, in O(1) during a snapshot too: the snapshot keeps the old tables, which no
     * longer change, so what happens to the new ones does not concern it. The live keys count
     * as changed (Redis 7.0 aborts a WATCH of a key that existed only); when there are more of
     * them than version buckets, every bucket changes instead of the keys being walked.
     */
    void clear(long nowMs) {
        if (values.size() > KeyVersions.BUCKETS) {
            versions.bumpAll();
        } else {
            values.forEach((k, v) -> {
                if (!isExpired(k, nowMs)) versions.bump(k);
            });
        }
        values = new Dict<>();
        expires = new Dict<>();
        entryBytes = 0;
        capture = null;
    }

    /** Every key and value, in no particular order (slot commands pick a slot's keys). */
    void forEach(java.util.function.BiConsumer<Key, RedisValue> action) {
        values.forEach(action);
    }

    /**
     * Sizes the empty keyspace's table for {@code keys} (as many as a snapshot holds), so that
     * loading it never resizes. Capped: the count comes from a file not yet verified.
     */
    void reserve(long keys) {
        values = new Dict<>((int) Math.min(keys, RESERVE_CAP));
    }

    /** Number of keys, including expired ones not yet deleted (as Redis' DBSIZE). */
    public int size() {
        return values.size();
    }

    public int keysWithExpiry() {
        return expires.size();
    }

    /** Live keys matching a glob pattern, in no particular order. */
    public List<Key> keys(byte[] pattern, long nowMs) {
        boolean all = pattern.length == 1 && pattern[0] == '*';
        List<Key> out = new ArrayList<>();
        values.forEach((k, v) -> {
            if ((all || Glob.matches(pattern, k.bytes())) && !isExpired(k, nowMs)) out.add(k);
        });
        return out;
    }

    /**
     * One SCAN step from {@code cursor}: adds the keys of one bucket (expired ones included;
     * the caller filters) and returns the next cursor, 0 at the end.
     */
    public long scan(long cursor, List<Key> out) {
        return values.scan(cursor, (k, v) -> out.add(k));
    }

    /**
     * One SCAN call: walks the keys from the request's cursor (expired ones included; the
     * visitor filters) and returns the next cursor, 0 at the end.
     */
    long scan(ScanRequest request, BiConsumer<Key, RedisValue> visitor) {
        return request.walk(values, visitor);
    }

    /** A key drawn from {@code random} (possibly expired), or null when there is none. */
    Key randomKey(java.util.Random random) {
        return values.randomKey(random);
    }

    /** Up to {@code max} keys expired at {@code nowMs}. Scans the expiry table; changes nothing. */
    public List<Key> expired(long nowMs, int max) {
        List<Key> out = new ArrayList<>();
        expires.forEach((k, when) -> {
            if (out.size() < max && nowMs > when) out.add(k);
        });
        return out;
    }

    /**
     * An order-independent digest of every key, type, value and expiry (like Redis' DEBUG
     * DIGEST: per-key SHA-1s XORed together), as hex. Replicas with equal data have equal digests.
     */
    public String digest() {
        byte[] acc = new byte[20];
        MessageDigest md = sha1();
        values.forEach((key, value) -> {
            md.update(key.bytes());
            md.update((byte) 0);
            md.update(value.typeName().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            value.digestInto(md);
            md.update(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(expireAt(key)).array());
            byte[] one = md.digest();
            for (int i = 0; i < acc.length; i++) acc[i] ^= one[i];
        });
        return java.util.HexFormat.of().formatHex(acc);
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
