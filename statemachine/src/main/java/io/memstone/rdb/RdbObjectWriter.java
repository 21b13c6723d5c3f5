package io.memstone.rdb;

import io.memstone.rdb.RdbValue.FieldValue;
import io.memstone.rdb.RdbValue.ScoredMember;
import java.util.List;

/**
 * Encodes a value as a type byte and an RDB object that redis-server 7.0 loads: strings as
 * Redis saves them, lists as a quicklist of listpack nodes, sets, hashes and zsets in their
 * plain types (Redis packs small ones itself as it loads them).
 */
public final class RdbObjectWriter {
    private RdbObjectWriter() {}

    /** Redis' default list-max-listpack-size (-2): nodes of at most 8 KB. */
    private static final int MAX_NODE_BYTES = 8192;
    private static final int CONTAINER_PACKED = 2;

    public static void write(RdbValue value, RdbOutput out) {
        if (value instanceof RdbValue.RdbString s) {
            out.writeByte(RdbType.STRING);
            out.writeString(s.bytes());
        } else if (value instanceof RdbValue.RdbList l) {
            out.writeByte(RdbType.LIST_QUICKLIST_2);
            writeQuicklist(l.elements(), out);
        } else if (value instanceof RdbValue.RdbSet s) {
            out.writeByte(RdbType.SET);
            out.writeLength(s.members().size());
            for (byte[] m : s.members()) out.writeString(m);
        } else if (value instanceof RdbValue.RdbHash h) {
            out.writeByte(RdbType.HASH);
            out.writeLength(h.entries().size());
            for (FieldValue e : h.entries()) {
                out.writeString(e.field());
                out.writeString(e.value());
            }
        } else if (value instanceof RdbValue.RdbZSet z) {
            out.writeByte(RdbType.ZSET_2);
            out.writeLength(z.entries().size());
            for (ScoredMember e : z.entries()) {
                out.writeString(e.member());
                out.writeBinaryDouble(e.score());
            }
        } else if (value instanceof RdbValue.RdbStream s) {
            out.writeByte(RdbType.STREAM_LISTPACKS_2);
            out.writeBytes(s.encoded());
        } else {
            throw new IllegalArgumentException("unknown value " + value);
        }
    }

    /** The elements in listpack nodes of up to 8 KB (an element bigger than that alone in one). */
    private static void writeQuicklist(List<byte[]> elements, RdbOutput out) {
        List<Integer> nodeStarts = new java.util.ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < elements.size(); i++) {
            int size = Listpack.encodedSize(elements.get(i));
            if (nodeStarts.isEmpty() || bytes + size > MAX_NODE_BYTES) {
                nodeStarts.add(i);
                bytes = 0;
            }
            bytes += size;
        }
        nodeStarts.add(elements.size());
        out.writeLength(nodeStarts.size() - 1);
        for (int n = 0; n + 1 < nodeStarts.size(); n++) {
            out.writeLength(CONTAINER_PACKED);
            out.writeString(Listpack.encode(elements.subList(nodeStarts.get(n), nodeStarts.get(n + 1))));
        }
    }
}
