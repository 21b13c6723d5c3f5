package io.memstone.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * A Redis hash. Small hashes are {@link PackedPairs} (Redis 7.0's listpack encoding: insertion
 * order, linear lookups); one that grows past hash-max-listpack-entries fields, or is given a field or value
 * over hash-max-listpack-value bytes ({@link EncodingLimits}), moves to a {@link Dict} for good, as Redis never
 * converts back. Mutable, changed in place by the hash commands; the byte arrays it hands out
 * or keeps are never changed. To build one from stored contents (RESTORE, RDB), call
 * {@link #set} per pair in order: the conversions then happen as they would in Redis.
 */
public final class HashValue extends RedisValue {
    /** A field and its value. */
    public record Entry(byte[] field, byte[] value) {}

    /** Null once converted to {@link #table}. */
    private PackedPairs packed = new PackedPairs();
    private Dict<Key, byte[]> table;
    private final EncodingLimits limits;

    /** An empty hash in the packed encoding, converting at its engine's limits. */
    HashValue(EncodingLimits limits) {
        this.limits = limits;
    }

    /** A hash in a given encoding, as a snapshot recorded it (7.0 never converts back on its own). */
    static HashValue restored(EncodingLimits limits, boolean packed, List<Entry> entries) {
        HashValue h = new HashValue(limits);
        if (!packed) h.convert();
        for (Entry e : entries) h.set(e.field(), e.value());
        return h;
    }

    public int size() {
        return packed != null ? packed.size() : table.size();
    }

    /** The field's value, or null. */
    public byte[] get(byte[] field) {
        return packed != null ? packed.get(field) : table.get(new Key(field));
    }

    public boolean contains(byte[] field) {
        return packed != null ? packed.contains(field) : table.containsKey(new Key(field));
    }

    /** Sets the field's value; true if the field is new. Converts as Redis' hashTypeSet does. */
    public boolean set(byte[] field, byte[] value) {
        long maxLength = limits.hashMaxValue();
        if (packed != null && (field.length > maxLength || value.length > maxLength)) convert();
        if (packed == null) return table.put(new Key(field), value) == null;
        boolean created = packed.put(field, value);
        if (packed.size() > limits.hashMaxEntries()) convert();
        return created;
    }

    /** Removes the field; false if it was absent. */
    public boolean delete(byte[] field) {
        return packed != null ? packed.remove(field) : table.remove(new Key(field)) != null;
    }

    /** Every field and value; in Redis' order while packed, in table order after. */
    public void forEach(BiConsumer<byte[], byte[]> action) {
        if (packed != null) packed.forEach(action);
        else table.forEach((k, v) -> action.accept(k.bytes(), v));
    }

    /** Every entry, in {@link #forEach} order. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>(size());
        forEach((f, v) -> out.add(new Entry(f, v)));
        return out;
    }

    /** An entry drawn from {@code random}; the hash must not be empty. */
    Entry randomEntry(Random random) {
        if (packed != null) {
            byte[][] pair = packed.pairAt(random.nextInt(packed.size()));
            return new Entry(pair[0], pair[1]);
        }
        Key k = table.randomKey(random);
        return new Entry(k.bytes(), table.get(k));
    }

    /** True while in the packed (listpack) encoding. */
    public boolean isPacked() {
        return packed != null;
    }

    /** The table once converted, for HSCAN's cursor walk; null while packed. */
    Dict<Key, byte[]> table() {
        return table;
    }

    private void convert() {
        Dict<Key, byte[]> t = new Dict<>();
        packed.forEach((f, v) -> t.put(new Key(f), v));
        table = t;
        packed = null;
    }

    @Override
    public String typeName() {
        return "hash";
    }

    @Override
    public String encoding() {
        return packed != null ? "listpack" : "hashtable";
    }

    @Override
    public HashValue copy() {
        HashValue c = new HashValue(limits);
        if (packed != null) {
            c.packed = packed.copy();
        } else {
            c.packed = null;
            c.table = new Dict<>();
            table.forEach(c.table::put);
        }
        return c;
    }

    /**
     * The pairs sorted by field, each string length-prefixed: independent of insertion order
     * and of the encoding.
     */
    @Override
    public void digestInto(java.security.MessageDigest md) {
        List<Entry> sorted = entries();
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.field(), b.field()));
        for (Entry e : sorted) {
            for (byte[] s : new byte[][] {e.field(), e.value()}) {
                md.update(ByteBuffer.allocate(Integer.BYTES).putInt(s.length).array());
                md.update(s);
            }
        }
    }
}
