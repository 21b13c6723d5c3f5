package io.memstone.engine;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A point-in-time view of a keyspace that a snapshot writes while commands go on (copy-on-write
 * without fork): capturing copies references and marks each value; a value that a command is
 * about to change in place is copied first, once, if the snapshot has not written it yet. Every
 * in-place change starts with {@link Keyspace#getForWrite}, which calls {@link #beforeWrite}.
 * All methods run under the engine's lock.
 */
public final class SnapshotCapture {
    private final Keyspace keyspace;
    /** Marks this capture's values; never 0, so a value outside any capture is never taken for one. */
    private final int id;
    private final Key[] keys;
    private final RedisValue[] values;
    /** Expiry times as of the capture, of the keys that have one (usually far fewer than all). */
    private final Map<Key, Long> expires = new HashMap<>();
    /** The applied-batch table as of the capture (its replies are never changed). */
    private List<int[]> closedSlots = List.of();
    private List<AppliedBatches.Batch> batches = List.of();
    /** Copies of marked values taken just before a command changed them. */
    private final Map<RedisValue, RedisValue> preImages = new IdentityHashMap<>();

    SnapshotCapture(Keyspace keyspace, int id) {
        this.keyspace = keyspace;
        this.id = id;
        int n = keyspace.size();
        keys = new Key[n];
        values = new RedisValue[n];
        int[] i = {0};
        keyspace.forEach((k, v) -> {
            keys[i[0]] = k;
            values[i[0]] = v;
            v.capturedBy = id;
            i[0]++;
        });
        keyspace.forEachExpiry(expires::put);
    }

    public int size() {
        return keys.length;
    }

    void setClosedSlots(List<int[]> ranges) {
        this.closedSlots = ranges;
    }

    List<int[]> closedSlots() {
        return closedSlots;
    }

    void setBatches(List<AppliedBatches.Batch> batches) {
        this.batches = batches;
    }

    List<AppliedBatches.Batch> batches() {
        return batches;
    }

    Key key(int i) {
        return keys[i];
    }

    long expireAt(int i) {
        return expires.getOrDefault(keys[i], -1L);
    }

    /** Entry i's value as it was when captured; the caller writes it before releasing the lock. */
    RedisValue takeValue(int i) {
        RedisValue v = values[i];
        values[i] = null;
        RedisValue before = preImages.remove(v);
        if (v.capturedBy == id) v.capturedBy = 0;
        return before != null ? before : v;
    }

    void beforeWrite(RedisValue v) {
        if (v.capturedBy != id) return;
        preImages.put(v, v.copy());
        v.capturedBy = 0;
    }

    /** Ends the capture: writes no longer copy anything. */
    public void release() {
        keyspace.endCapture(this);
    }
}
