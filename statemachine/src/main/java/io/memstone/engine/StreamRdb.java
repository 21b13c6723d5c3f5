package io.memstone.engine;

import io.memstone.rdb.Listpack;
import io.memstone.rdb.RdbOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stream in Redis 7.0's RDB encoding (type 19, listpacks_2), for DUMP and RDB export: each
 * node as its 16-byte big-endian master ID and the listpack Redis would hold for it (master
 * entry, then per entry flags, ID deltas, fields unless the master's, values, element count),
 * then the counters, then the groups with their pending entries and consumers.
 */
final class StreamRdb {
    private StreamRdb() {}

    private static final int FLAG_DELETED = 1;
    private static final int FLAG_SAME_FIELDS = 2;

    static byte[] encode(StreamValue s) {
        RdbOutput out = new RdbOutput();
        out.writeLength(s.nodeCount());
        for (StreamNode node : s.nodes()) {
            out.writeString(idBytes(node.master));
            out.writeString(listpack(node));
        }
        out.writeLength(s.length());
        for (StreamId id : new StreamId[] {s.lastId, s.firstId, s.maxDeletedId}) {
            out.writeLength(id.ms());
            out.writeLength(id.seq());
        }
        out.writeLength(s.entriesAdded);
        out.writeLength(s.groups.size());
        for (Map.Entry<byte[], StreamGroup> e : s.groups.entrySet()) {
            StreamGroup g = e.getValue();
            out.writeString(e.getKey());
            out.writeLength(g.lastId.ms());
            out.writeLength(g.lastId.seq());
            out.writeLength(g.entriesRead);
            writePel(out, g.pel, true);
            out.writeLength(g.consumers.size());
            for (StreamGroup.Consumer c : g.consumers.values()) {
                out.writeString(c.name);
                out.writeLittleEndian(c.seenTime, 8);
                writePel(out, c.pel, false);
            }
        }
        return out.toByteArray();
    }

    /** Redis' rdbSaveStreamPEL: IDs raw; the group's PEL also has delivery time and count. */
    private static void writePel(RdbOutput out, TreeMap<StreamId, StreamGroup.Pending> pel, boolean withDeliveries) {
        out.writeLength(pel.size());
        for (Map.Entry<StreamId, StreamGroup.Pending> e : pel.entrySet()) {
            out.writeBytes(idBytes(e.getKey()));
            if (!withDeliveries) continue;
            out.writeLittleEndian(e.getValue().deliveryTime, 8);
            out.writeLength(e.getValue().deliveryCount);
        }
    }

    private static byte[] idBytes(StreamId id) {
        return ByteBuffer.allocate(16).putLong(id.ms()).putLong(id.seq()).array();
    }

    /** The node's listpack as Redis' streamAppendItem builds it (and XDEL / trims flag it). */
    private static byte[] listpack(StreamNode node) {
        List<StreamNode.Entry> entries = node.entries();
        List<byte[]> lp = new ArrayList<>();
        int deleted = 0;
        for (StreamNode.Entry e : entries) if (e.deleted()) deleted++;
        byte[][] masterFields = node.masterFields();
        lp.add(number(entries.size() - deleted));
        lp.add(number(deleted));
        lp.add(number(masterFields.length));
        for (byte[] f : masterFields) lp.add(f);
        lp.add(number(0));
        for (StreamNode.Entry e : entries) {
            byte[][] fv = e.fieldsValues();
            boolean same = node.sameAsMaster(fv);
            lp.add(number((same ? FLAG_SAME_FIELDS : 0) | (e.deleted() ? FLAG_DELETED : 0)));
            lp.add(number(e.id().ms() - node.master.ms()));
            lp.add(number(e.id().seq() - node.master.seq()));
            int fields = fv.length / 2;
            if (!same) lp.add(number(fields));
            for (int i = 0; i < fv.length; i++) if (!same || i % 2 == 1) lp.add(fv[i]);
            lp.add(number(same ? fields + 3 : 2L * fields + 4));
        }
        return Listpack.encode(lp);
    }

    private static byte[] number(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }
}
