package io.memstone.engine;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One block of a stream, in the shape of a node of Redis' radix tree: up to stream-node-max-entries
 * entries (deleted ones included, see {@link EncodingLimits}) packed in one byte array, IDs as deltas from
 * the node's first (master) ID, and the fields of an entry that has the master entry's fields
 * left out. The node also keeps the size Redis' listpack for the same contents would have, so
 * it closes where Redis starts a new node and MAXLEN/MINID {@code ~} trim what Redis trims.
 *
 * <p>Each entry: a flags byte ({@link #DELETED}, {@link #SAME_FIELDS}), the ms and seq deltas
 * as unsigned varints, then unless SAME_FIELDS the field count, then per field its bytes (unless
 * SAME_FIELDS) and its value's, each length-prefixed.
 */
final class StreamNode {
    /** Redis' STREAM_LISTPACK_MAX_SIZE: no node grows past it, whatever stream-node-max-bytes says. */
    private static final long LISTPACK_MAX_BYTES = 1L << 30;
    private static final int DELETED = 1;
    private static final int SAME_FIELDS = 2;
    /** Listpack header (total bytes, element count) and end byte. */
    private static final int LP_OVERHEAD = 7;

    /** An entry as stored, deleted or not; {@code flagsAt} locates its flags byte. */
    record Entry(StreamId id, byte[][] fieldsValues, boolean deleted, int flagsAt) {}

    final StreamId master;
    private final byte[][] masterFields;
    private byte[] data;
    private int used;
    private int live;
    private int deleted;
    /** Redis' listpack bytes of the master fields and the entries: all but the counters. */
    private long lpBody;

    private StreamNode(StreamId master, byte[][] masterFields) {
        this.master = master;
        this.masterFields = masterFields;
        this.data = new byte[64];
        long body = ListpackSize.integer(masterFields.length) + ListpackSize.integer(0);
        for (byte[] f : masterFields) body += ListpackSize.string(f);
        this.lpBody = body;
    }

    /** A node whose master entry is the given entry's: its fields are every later entry's default. */
    static StreamNode startingWith(StreamId id, byte[][] fieldsValues) {
        byte[][] fields = new byte[fieldsValues.length / 2][];
        for (int i = 0; i < fields.length; i++) fields[i] = fieldsValues[2 * i];
        StreamNode n = new StreamNode(id, fields);
        n.append(id, fieldsValues);
        return n;
    }

    int live() {
        return live;
    }

    /**
     * Redis' test before appending to the tail node: false when it would start a new one. A
     * limit of 0 is none (the bytes then stop at the listpack's own maximum).
     */
    boolean accepts(long valueBytes, EncodingLimits limits) {
        long maxBytes = limits.streamNodeMaxBytes();
        if (maxBytes == 0 || maxBytes > LISTPACK_MAX_BYTES) maxBytes = LISTPACK_MAX_BYTES;
        long maxEntries = limits.streamNodeMaxEntries();
        return lpBytes() + valueBytes < maxBytes && (maxEntries == 0 || live + deleted < maxEntries);
    }

    long lpBytes() {
        return LP_OVERHEAD + ListpackSize.integer(live) + ListpackSize.integer(deleted) + lpBody;
    }

    void append(StreamId id, byte[][] fieldsValues) {
        boolean same = sameAsMaster(fieldsValues);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + fieldsValues.length * 8);
        out.write(same ? SAME_FIELDS : 0);
        long msDelta = id.ms() - master.ms(), seqDelta = id.seq() - master.seq();
        writeVarint(out, msDelta);
        writeVarint(out, seqDelta);
        int fields = fieldsValues.length / 2;
        long lp = ListpackSize.integer(same ? SAME_FIELDS : 0) + ListpackSize.integer(msDelta)
                + ListpackSize.integer(seqDelta);
        if (!same) {
            writeVarint(out, fields);
            lp += ListpackSize.integer(fields);
        }
        for (int i = 0; i < fieldsValues.length; i++) {
            if (same && i % 2 == 0) continue;
            writeVarint(out, fieldsValues[i].length);
            out.writeBytes(fieldsValues[i]);
            lp += ListpackSize.string(fieldsValues[i]);
        }
        lp += ListpackSize.integer(same ? fields + 3 : 2L * fields + 4);
        byte[] bytes = out.toByteArray();
        if (used + bytes.length > data.length) data = Arrays.copyOf(data, Math.max(2 * data.length, used + bytes.length));
        System.arraycopy(bytes, 0, data, used, bytes.length);
        used += bytes.length;
        live++;
        lpBody += lp;
    }

    /** The master entry's fields, which entries flagged SAME_FIELDS leave out. */
    byte[][] masterFields() {
        return masterFields;
    }

    /** Whether an entry has the master entry's fields, in order (Redis' SAMEFIELDS test). */
    boolean sameAsMaster(byte[][] fieldsValues) {
        if (fieldsValues.length != 2 * masterFields.length) return false;
        for (int i = 0; i < masterFields.length; i++) if (!Arrays.equals(masterFields[i], fieldsValues[2 * i])) return false;
        return true;
    }

    /** Gives back the spare room of the byte array: the node takes no more entries. */
    void close() {
        if (data.length > used) data = Arrays.copyOf(data, used);
    }

    /** Every entry, deleted ones included, in ID order. */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>(live + deleted);
        int[] pos = {0};
        while (pos[0] < used) {
            int flagsAt = pos[0]++;
            int flags = data[flagsAt];
            StreamId id = new StreamId(master.ms() + readVarint(pos), master.seq() + readVarint(pos));
            boolean same = (flags & SAME_FIELDS) != 0;
            int fields = same ? masterFields.length : (int) readVarint(pos);
            byte[][] fv = new byte[2 * fields][];
            for (int i = 0; i < fv.length; i++) fv[i] = same && i % 2 == 0 ? masterFields[i / 2] : readBytes(pos);
            out.add(new Entry(id, fv, (flags & DELETED) != 0, flagsAt));
        }
        return out;
    }

    /** The last entry's ID, deleted or not (Redis' lpGetEdgeStreamID). */
    StreamId lastId() {
        List<Entry> all = entries();
        return all.get(all.size() - 1).id();
    }

    /** Marks the entry deleted (its flags byte is found by {@link #entries}); the count goes down. */
    void markDeleted(Entry e) {
        data[e.flagsAt()] |= DELETED;
        live--;
        deleted++;
    }

    private byte[] readBytes(int[] pos) {
        int n = (int) readVarint(pos);
        byte[] b = Arrays.copyOfRange(data, pos[0], pos[0] + n);
        pos[0] += n;
        return b;
    }

    private long readVarint(int[] pos) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = data[pos[0]++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) return v;
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** A copy sharing no mutable state (the field arrays are never changed). */
    StreamNode copy() {
        StreamNode c = new StreamNode(master, masterFields);
        c.data = Arrays.copyOf(data, used);
        c.used = used;
        c.live = live;
        c.deleted = deleted;
        c.lpBody = lpBody;
        return c;
    }

    /** Heap bytes of the packed contents, for memory accounting. */
    int packedBytes() {
        return data.length;
    }
}
