package io.memstone.engine;

import java.nio.ByteBuffer;

/**
 * A Redis sorted set: unique byte-string members ordered by score, then by member bytes.
 * Small sets are packed ({@link PackedZSet}, OBJECT ENCODING "listpack"); past zset-max-listpack-entries
 * entries or a member over zset-max-listpack-value bytes ({@link EncodingLimits}) they move to a dict
 * plus skiplist ({@link SkipListZSet}, "skiplist")
 * and, as in Redis 7.0, never move back. Mutable, changed in place by the commands.
 */
public final class ZSetValue extends RedisValue implements ScoredMembers {
    /** Receives one entry: a member and its score. */
    public interface EntryVisitor {
        void accept(byte[] member, double score);
    }

    private ZSetStore store;
    private final EncodingLimits limits;

    /** An empty sorted set in the packed encoding, converting at its engine's limits. */
    ZSetValue(EncodingLimits limits) {
        this(limits, new PackedZSet());
    }

    private ZSetValue(EncodingLimits limits, ZSetStore store) {
        this.limits = limits;
        this.store = store;
    }

    /**
     * An empty sorted set already in the skiplist encoding, as Redis builds the results of
     * ZUNION/ZINTER/ZDIFF and large ZRANGESTOREs: unlike the packed form it keeps a -0 score.
     */
    static ZSetValue skipList(EncodingLimits limits) {
        return new ZSetValue(limits, new SkipListZSet());
    }

    /**
     * Redis' zsetConvertToListpackIfNeeded, applied to a computed result before it is stored:
     * back to the packed encoding when the entries fit it.
     */
    void packIfSmall() {
        if (store instanceof PackedZSet || size() > limits.zsetMaxEntries()) return;
        boolean[] fits = {true};
        forEach((member, score) -> fits[0] &= member.length <= limits.zsetMaxValue());
        if (!fits[0]) return;
        PackedZSet small = new PackedZSet();
        forEach(small::insert);
        store = small;
    }

    @Override
    public int size() {
        return store.size();
    }

    /** The member's score, or NaN when absent. */
    @Override
    public double score(byte[] member) {
        return store.score(member);
    }

    /** Adds the member or changes its score; true if it was added. The score must not be NaN. */
    public boolean put(byte[] member, double score) {
        double current = store.score(member);
        if (!Double.isNaN(current)) {
            if (current != score) {
                store.remove(member);
                store.insert(member, score);
            }
            return false;
        }
        if (store instanceof PackedZSet && (size() + 1 > limits.zsetMaxEntries() || member.length > limits.zsetMaxValue())) {
            convertToSkipList();
        }
        store.insert(member, score);
        return true;
    }

    public boolean remove(byte[] member) {
        return store.remove(member);
    }

    /** 0-based rank in ascending score order, or -1 when absent. */
    long rank(byte[] member) {
        return store.rank(member);
    }

    /** How many leading entries (in ascending order) the bound holds for. */
    long countBefore(ZSetStore.Bound bound) {
        return store.countBefore(bound);
    }

    /** Visits ranks {@code from..to} inclusive (both in range), ascending or descending. */
    void forRange(long from, long to, boolean reverse, ZSetValue.EntryVisitor visitor) {
        if (from <= to) store.forRange(from, to, reverse, visitor);
    }

    /** Removes ranks {@code from..to} inclusive (both in range). */
    void removeRange(long from, long to) {
        if (from <= to) store.removeRange(from, to);
    }

    /** One ZSCAN step: see {@link ZSetStore#scan}. */
    long scan(ScanRequest request, ZSetValue.EntryVisitor visitor) {
        return store.scan(request, visitor);
    }

    /** Every entry in ascending order (for DUMP and RDB export). */
    @Override
    public void forEach(ZSetValue.EntryVisitor visitor) {
        forRange(0, size() - 1, false, visitor);
    }

    private void convertToSkipList() {
        SkipListZSet big = new SkipListZSet();
        store.forRange(0, store.size() - 1, false, big::insert);
        store = big;
    }

    @Override
    boolean servesBlockedClients() {
        return true;
    }

    @Override
    public String typeName() {
        return "zset";
    }

    @Override
    public String encoding() {
        return store instanceof PackedZSet ? "listpack" : "skiplist";
    }

    @Override
    public ZSetValue copy() {
        return new ZSetValue(limits, store.copy());
    }

    /** Each member's length, its bytes and its score's bits, in order: the same for both encodings. */
    @Override
    public void digestInto(java.security.MessageDigest md) {
        forEach((member, score) -> {
            md.update(ByteBuffer.allocate(Integer.BYTES).putInt(member.length).array());
            md.update(member);
            md.update(ByteBuffer.allocate(Double.BYTES).putDouble(score == 0 ? 0.0 : score).array());
        });
    }
}
