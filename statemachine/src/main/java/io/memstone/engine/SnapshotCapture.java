package io.memstone.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A point-in-time view of a keyspace that a snapshot writes while commands go on (copy-on-write
 * without fork), in O(1) at its start. The snapshot walks the keys in the dict's order, a chunk
 * per hold of the engine lock; the first change to a key the walk has not reached yet saves the
 * key's state as of the capture (its value, or its absence, and its expiry), and the walk writes
 * that saved state instead of the live one. So keys created since are left out, deleted ones
 * kept, and values changed in place written as they were. The order depends on the contents
 * only: replicas write byte-identical snapshots at the same index.
 *
 * <p>{@link Keyspace} calls {@link #beforeChange} before it replaces, deletes or re-expires a key,
 * and {@link #beforeInPlaceChange} from {@link Keyspace#getExpiring}, with which every in-place
 * change starts. All methods run under the engine's lock.
 */
public final class SnapshotCapture {
    /** Entries written per hold of the engine lock: a command waits at most for one chunk. */
    static final int CHUNK = 256;
    /** The walk's order: the dict's ({@link Dict#position}, then the key). */
    private static final Comparator<Key> ORDER = Comparator.<Key>comparingLong(Dict::position)
            .thenComparing(Comparator.naturalOrder());

    /** What the snapshot writes for a key; {@code value} null: the key was absent. */
    private static final class Saved {
        RedisValue value;
        final long expireAt;

        Saved(RedisValue value, long expireAt) {
            this.value = value;
            this.expireAt = expireAt;
        }
    }

    /** Receives the entries to write, in order. */
    public interface Sink {
        void entry(Key key, long expireAt, RedisValue value) throws IOException;
    }

    private final Keyspace keyspace;
    /** Marks values that a saved state shares with the live keyspace; never 0. */
    private final int id;
    /** Keys at the capture. */
    private final int size;
    /** The keyspace's tables: live ones, or those FLUSHALL dropped (which then never change). */
    private final Dict<Key, RedisValue> values;
    private final Dict<Key, Long> expires;
    /** The applied-batch table as of the capture (its replies are never changed). */
    private final List<AppliedBatches.Batch> batches;
    /** WATCH versions as of the capture (a copy). */
    private final KeyVersions versions;
    /** Keys at positions below it are written; the keyspace no longer concerns this capture there. */
    private long position;
    private long written;
    /** The state as of the capture of keys changed since, ahead of the walk, in its order. */
    private final TreeMap<Key, Saved> saved = new TreeMap<>(ORDER);
    /** Saved states whose value is also live (a re-expired or renamed key): copied before it changes. */
    private final Map<RedisValue, Saved> shared = new IdentityHashMap<>();

    SnapshotCapture(Keyspace keyspace, int id, Dict<Key, RedisValue> values, Dict<Key, Long> expires,
                    List<AppliedBatches.Batch> batches, KeyVersions versions) {
        this.keyspace = keyspace;
        this.id = id;
        this.values = values;
        this.expires = expires;
        this.batches = batches;
        this.versions = versions;
        this.size = values.size();
    }

    /** Keys in the snapshot. */
    public int size() {
        return size;
    }

    /** Slots the shard refused at the capture, as {@code [first, last]} ranges. */
    private List<int[]> closedSlots = List.of();
    private List<byte[]> scripts = List.of();
    private EncodingLimits limits = new EncodingLimits();
    private List<byte[]> functions = List.of();

    void setClosedSlots(List<int[]> ranges) {
        this.closedSlots = ranges;
    }

    List<int[]> closedSlots() {
        return closedSlots;
    }

    /** The script cache's bodies at the capture, in load order. */
    void setScripts(List<byte[]> bodies) {
        this.scripts = bodies;
    }

    List<byte[]> scripts() {
        return scripts;
    }

    /** The encoding limits at the capture (a copy: a later {@code __config} changes the engine's). */
    void setLimits(EncodingLimits copy) {
        this.limits = copy;
    }

    EncodingLimits limits() {
        return limits;
    }

    /** The function libraries' codes at the capture, in load order. */
    void setFunctions(List<byte[]> codes) {
        this.functions = codes;
    }

    List<byte[]> functions() {
        return functions;
    }

    List<AppliedBatches.Batch> batches() {
        return batches;
    }

    KeyVersions versions() {
        return versions;
    }

    /** Before {@code key}'s value is replaced or removed, or its expiry set or removed. */
    void beforeChange(Key key) {
        if (!needsSaving(key)) return;
        RedisValue v = values.get(key);
        Saved s = save(key, v);
        if (v != null) {
            v.capturedBy = id;
            shared.put(v, s);
        }
    }

    /** Before {@code v}, the value at {@code key}, may be changed in place. */
    void beforeInPlaceChange(Key key, RedisValue v) {
        if (v.capturedBy == id) {
            shared.remove(v).value = v.copy();
            v.capturedBy = 0;
        }
        if (needsSaving(key)) save(key, v.copy());
    }

    private boolean needsSaving(Key key) {
        return Dict.position(key) >= position && !saved.containsKey(key);
    }

    private Saved save(Key key, RedisValue value) {
        Long expireAt = expires.get(key);
        Saved s = new Saved(value, expireAt == null ? -1 : expireAt);
        saved.put(key, s);
        return s;
    }

    /**
     * Hands the next chunk of the snapshot's entries, in order, to {@code sink}; returns false
     * once every entry has been handed over.
     */
    boolean writeNext(Sink sink) throws IOException {
        List<Key> liveKeys = new ArrayList<>(CHUNK);
        List<RedisValue> liveValues = new ArrayList<>(CHUNK);
        long to = values.walk(position, CHUNK, (k, v) -> {
            liveKeys.add(k);
            liveValues.add(v);
        });
        List<Map.Entry<Key, Saved>> savedKeys = new ArrayList<>();
        while (!saved.isEmpty()) {
            Key first = saved.firstKey();
            long at = Dict.position(first);
            if (at >= to) break;
            // Many deleted keys ahead of few live ones: end the chunk early (between positions).
            if (savedKeys.size() >= CHUNK && at > Dict.position(savedKeys.get(savedKeys.size() - 1).getKey())) {
                to = at;
                break;
            }
            savedKeys.add(saved.pollFirstEntry());
        }
        int live = liveKeys.size();
        while (live > 0 && Dict.position(liveKeys.get(live - 1)) >= to) live--;
        int l = 0;
        int s = 0;
        while (l < live || s < savedKeys.size()) {
            int c = l == live ? 1
                    : s == savedKeys.size() ? -1
                    : ORDER.compare(liveKeys.get(l), savedKeys.get(s).getKey());
            if (c < 0) {
                Key k = liveKeys.get(l);
                Long expireAt = expires.get(k);
                write(sink, k, expireAt == null ? -1 : expireAt, liveValues.get(l++));
                continue;
            }
            if (c == 0) l++; // changed since the capture: the saved state stands
            Map.Entry<Key, Saved> e = savedKeys.get(s++);
            RedisValue v = e.getValue().value;
            if (v == null) continue; // created since the capture
            if (v.capturedBy == id) {
                v.capturedBy = 0;
                shared.remove(v);
            }
            write(sink, e.getKey(), e.getValue().expireAt, v);
        }
        position = to;
        if (position < Dict.END) return true;
        if (written != size) throw new IllegalStateException("snapshot wrote " + written + " keys of " + size);
        return false;
    }

    private void write(Sink sink, Key key, long expireAt, RedisValue value) throws IOException {
        sink.entry(key, expireAt, value);
        written++;
    }

    /** Ends the capture: writes no longer save anything. */
    public void release() {
        keyspace.endCapture(this);
    }
}
