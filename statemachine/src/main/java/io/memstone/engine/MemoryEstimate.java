package io.memstone.engine;

/**
 * Bytes a key and its value take, estimated as Redis' objectComputeSize does (object.c): exact
 * for strings; for collections the element count times the average size of a few sampled
 * elements plus the encoding's per-element overhead. The sample is the first elements in the
 * value's own order, which depends on its contents only (see {@link Dict}), so every replica
 * estimates the same bytes for the same data. O(samples) per value.
 */
final class MemoryEstimate {
    /** Redis' OBJ_COMPUTE_SIZE_DEF_SAMPLES. */
    static final int SAMPLES = 5;
    /** A key in the main table: dictEntry (24), the key's sds header and NUL (4), the value's robj (16). */
    static final long KEY_ENTRY = 44;
    /** An expiry: its dictEntry in the expires table. */
    static final long EXPIRE_ENTRY = 24;
    /** A string's sds header and NUL. */
    private static final long STRING_HEADER = 4;
    /** The most an element adds besides its bytes: a skiplist node and its table entry. */
    static final long ELEMENT_OVERHEAD = 64;
    /** A collection's own header (quicklist, dict, zset, stream). */
    private static final long COLLECTION_HEADER = 64;

    private MemoryEstimate() {}

    /** The key's entry and its value. */
    static long entry(Key key, RedisValue value) {
        return KEY_ENTRY + key.bytes().length + value(value);
    }

    static long value(RedisValue v) {
        if (v instanceof StringValue s) return s.encoding().equals("int") ? 0 : STRING_HEADER + s.length();
        if (v instanceof StreamValue s) return stream(s);
        long[] sample = {0, 0};
        int size = collectionSample(v, sample);
        if (size == 0) return COLLECTION_HEADER;
        double average = (double) sample[0] / Math.max(1, sample[1]);
        return COLLECTION_HEADER + (long) (size * (average + perElement(v.encoding())));
    }

    /** Fills {@code sample} with [bytes, elements] of the first few elements; returns the element count. */
    private static int collectionSample(RedisValue v, long[] sample) {
        if (v instanceof ListValue l) {
            for (int i = 0; i < Math.min(SAMPLES, l.size()); i++) add(sample, l.get(i).length);
            return l.size();
        }
        if (v instanceof SetValue s) {
            s.forFirst(SAMPLES, m -> add(sample, m.length));
            return s.size();
        }
        if (v instanceof HashValue h) {
            if (h.isPacked()) h.forEach((f, val) -> add(sample, f.length + val.length));
            else h.table().forFirst(SAMPLES, (f, val) -> add(sample, f.bytes().length + val.length));
            return h.size();
        }
        ZSetValue z = (ZSetValue) v;
        z.forRange(0, Math.min(SAMPLES, z.size()) - 1, false, (member, score) -> add(sample, member.length + Double.BYTES));
        return z.size();
    }

    private static void add(long[] sample, long bytes) {
        sample[0] += bytes;
        sample[1]++;
    }

    /** Per-element overhead of an encoding: a listpack's entry header, or a table's entry and node. */
    private static long perElement(String encoding) {
        switch (encoding) {
            case "listpack": case "quicklist": case "intset": return 2;
            case "hashtable": return 32;
            default: return ELEMENT_OVERHEAD;
        }
    }

    /** Its nodes (each sized as Redis' listpack for the first), plus a header per consumer group. */
    private static long stream(StreamValue s) {
        long nodeBytes = 0;
        for (StreamNode n : s.nodes()) {
            nodeBytes = n.lpBytes();
            break;
        }
        return COLLECTION_HEADER + s.nodeCount() * (nodeBytes + COLLECTION_HEADER) + s.groups.size() * COLLECTION_HEADER;
    }
}
