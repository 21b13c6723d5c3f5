package io.memstone.engine;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A stream inside a snapshot: its counters, its nodes entry by entry (deleted ones included,
 * so a reloaded replica keeps Redis' node boundaries and trims alike), then its groups with
 * their consumers and pending entries.
 */
final class StreamSnapshot {
    private StreamSnapshot() {}

    static void write(DataOutputStream out, StreamValue s) throws IOException {
        for (StreamId id : new StreamId[] {s.lastId, s.firstId, s.maxDeletedId}) writeId(out, id);
        out.writeLong(s.entriesAdded);
        out.writeInt(s.nodeCount());
        for (StreamNode node : s.nodes()) {
            List<StreamNode.Entry> entries = node.entries();
            out.writeInt(entries.size());
            for (StreamNode.Entry e : entries) {
                writeId(out, e.id());
                out.writeBoolean(e.deleted());
                out.writeInt(e.fieldsValues().length);
                for (byte[] b : e.fieldsValues()) EngineSnapshot.writeBytes(out, b);
            }
        }
        out.writeInt(s.groups.size());
        for (Map.Entry<byte[], StreamGroup> ge : s.groups.entrySet()) {
            StreamGroup g = ge.getValue();
            EngineSnapshot.writeBytes(out, ge.getKey());
            writeId(out, g.lastId);
            out.writeLong(g.entriesRead);
            out.writeInt(g.consumers.size());
            for (StreamGroup.Consumer c : g.consumers.values()) {
                EngineSnapshot.writeBytes(out, c.name);
                out.writeLong(c.seenTime);
            }
            out.writeInt(g.pel.size());
            for (Map.Entry<StreamId, StreamGroup.Pending> pe : g.pel.entrySet()) {
                writeId(out, pe.getKey());
                EngineSnapshot.writeBytes(out, pe.getValue().consumer.name);
                out.writeLong(pe.getValue().deliveryTime);
                out.writeLong(pe.getValue().deliveryCount);
            }
        }
    }

    static StreamValue read(SnapshotInput in, EncodingLimits limits) throws IOException {
        StreamValue s = new StreamValue(limits);
        StreamId last = readId(in), first = readId(in), maxDeleted = readId(in);
        long entriesAdded = in.readLong();
        for (int n = in.readCount(); n > 0; n--) {
            StreamNode node = null;
            for (int e = in.readCount(); e > 0; e--) {
                StreamId id = readId(in);
                boolean deleted = in.readBoolean();
                byte[][] fv = new byte[in.readCount()][];
                for (int i = 0; i < fv.length; i++) fv[i] = in.readBytes();
                if (node == null) node = StreamNode.startingWith(id, fv);
                else node.append(id, fv);
                if (deleted) {
                    List<StreamNode.Entry> all = node.entries();
                    node.markDeleted(all.get(all.size() - 1));
                }
            }
            if (node == null) throw new CorruptSnapshotException("empty stream node in snapshot");
            node.close();
            s.restoreNode(node);
        }
        s.lastId = last;
        s.firstId = first;
        s.maxDeletedId = maxDeleted;
        s.entriesAdded = entriesAdded;
        for (int n = in.readCount(); n > 0; n--) {
            byte[] name = in.readBytes();
            StreamGroup g = new StreamGroup(readId(in), in.readLong());
            for (int c = in.readCount(); c > 0; c--) {
                byte[] cname = in.readBytes();
                g.consumers.put(cname, new StreamGroup.Consumer(cname, in.readLong()));
            }
            for (int p = in.readCount(); p > 0; p--) {
                StreamId id = readId(in);
                StreamGroup.Consumer owner = g.consumers.get(in.readBytes());
                if (owner == null) throw new CorruptSnapshotException("pending entry of an unknown consumer in snapshot");
                StreamGroup.Pending pending = new StreamGroup.Pending(owner, in.readLong(), in.readLong());
                g.pel.put(id, pending);
                owner.pel.put(id, pending);
            }
            s.groups.put(name, g);
        }
        return s;
    }

    private static void writeId(DataOutputStream out, StreamId id) throws IOException {
        out.writeLong(id.ms());
        out.writeLong(id.seq());
    }

    private static StreamId readId(SnapshotInput in) throws IOException {
        return new StreamId(in.readLong(), in.readLong());
    }
}
