package io.memstone.engine;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A Redis stream, after 7.0's t_stream.c: entries in {@link StreamNode}s keyed by their master
 * ID (Redis' radix tree of listpacks), the counters XINFO reports, and consumer groups. An
 * emptied stream stays, as in Redis. Mutable, changed in place by the stream commands.
 */
public final class StreamValue extends RedisValue {
    /** An entry: its ID and its fields and values, alternating. */
    record Entry(StreamId id, byte[][] fieldsValues) {}

    /** How XADD and XTRIM trim: MAXLEN or MINID, exact or {@code ~} (whole nodes), and LIMIT. */
    record Trim(boolean byLength, long maxLength, StreamId minId, boolean approximate, long limit) {}

    private final TreeMap<StreamId, StreamNode> nodes = new TreeMap<>();
    private long length;
    StreamId lastId = StreamId.MIN;
    StreamId firstId = StreamId.MIN;
    StreamId maxDeletedId = StreamId.MIN;
    long entriesAdded;
    final TreeMap<byte[], StreamGroup> groups = new TreeMap<>(Arrays::compareUnsigned);
    private final EncodingLimits limits;

    /** An empty stream whose nodes close at its engine's stream-node-max-bytes/-entries. */
    StreamValue(EncodingLimits limits) {
        this.limits = limits;
    }

    long length() {
        return length;
    }

    int nodeCount() {
        return nodes.size();
    }

    /** Appends an entry whose ID the caller checked is above {@link #lastId}. */
    void append(StreamId id, byte[][] fieldsValues) {
        long valueBytes = 0;
        for (byte[] b : fieldsValues) valueBytes += b.length;
        Map.Entry<StreamId, StreamNode> tail = nodes.lastEntry();
        if (tail != null && tail.getValue().accepts(valueBytes, limits)) {
            tail.getValue().append(id, fieldsValues);
        } else {
            if (tail != null) tail.getValue().close();
            nodes.put(id, StreamNode.startingWith(id, fieldsValues));
        }
        length++;
        entriesAdded++;
        lastId = id;
        if (length == 1) firstId = id;
    }

    /** Live entries from {@code start} to {@code end} (inclusive), forwards or backwards, at most {@code count} (0: all). */
    List<Entry> range(StreamId start, StreamId end, long count, boolean reverse) {
        List<Entry> out = new ArrayList<>();
        if (start.compareTo(end) > 0) return out;
        StreamId from = nodes.floorKey(start);
        var view = (from == null ? nodes : nodes.tailMap(from, true)).headMap(end, true);
        Iterable<StreamNode> walk = reverse ? view.descendingMap().values() : view.values();
        for (StreamNode node : walk) {
            List<StreamNode.Entry> entries = node.entries();
            for (int i = 0; i < entries.size(); i++) {
                StreamNode.Entry e = entries.get(reverse ? entries.size() - 1 - i : i);
                if (e.deleted() || e.id().compareTo(start) < 0 || e.id().compareTo(end) > 0) continue;
                out.add(new Entry(e.id(), e.fieldsValues()));
                if (count > 0 && out.size() == count) return out;
            }
        }
        return out;
    }

    /** The live entry with this ID, or null. */
    Entry get(StreamId id) {
        List<Entry> one = range(id, id, 1, false);
        return one.isEmpty() ? null : one.get(0);
    }

    /** The first or last live entry's ID (Redis' streamGetEdgeID skipping tombstones), null if empty. */
    StreamId edgeId(boolean first) {
        List<Entry> one = range(StreamId.MIN, StreamId.MAX, 1, !first);
        return one.isEmpty() ? null : one.get(0).id();
    }

    /** XDEL of one ID: marks it deleted, drops an emptied node; false if no live entry had it. */
    boolean delete(StreamId id) {
        Map.Entry<StreamId, StreamNode> holder = nodes.floorEntry(id);
        if (holder == null) return false;
        StreamNode node = holder.getValue();
        for (StreamNode.Entry e : node.entries()) {
            if (e.deleted() || !e.id().equals(id)) continue;
            node.markDeleted(e);
            if (node.live() == 0) nodes.remove(holder.getKey());
            length--;
            if (id.compareTo(maxDeletedId) > 0) maxDeletedId = id;
            return true;
        }
        return false;
    }

    /** Recomputes {@link #firstId} after entries went: 0-0 when empty. */
    void refreshFirstId() {
        StreamId first = edgeId(true);
        firstId = first == null ? StreamId.MIN : first;
    }

    /** Redis' streamTrim: whole nodes first, then entries of one node unless approximate; returns how many went. */
    long trim(Trim t) {
        long deleted = 0;
        Iterator<StreamNode> it = nodes.values().iterator();
        while (it.hasNext()) {
            if (t.byLength() && length <= t.maxLength()) break;
            StreamNode node = it.next();
            long entries = node.live();
            if (t.limit() > 0 && deleted + entries > t.limit()) break;
            boolean removeNode = t.byLength() ? length - entries >= t.maxLength() : node.lastId().compareTo(t.minId()) < 0;
            if (removeNode) {
                it.remove();
                length -= entries;
                deleted += entries;
                continue;
            }
            if (t.approximate()) break;
            for (StreamNode.Entry e : node.entries()) {
                boolean stop = t.byLength() ? length <= t.maxLength() : e.id().compareTo(t.minId()) >= 0;
                if (stop) break;
                if (e.deleted()) continue;
                node.markDeleted(e);
                length--;
                deleted++;
            }
            break;
        }
        if (length == 0) firstId = StreamId.MIN;
        else if (deleted > 0) refreshFirstId();
        return deleted;
    }

    /** Redis' streamRangeHasTombstones: whether a deleted entry may lie from start to end (null: the top). */
    boolean rangeHasTombstones(StreamId start, StreamId end) {
        if (length == 0 || maxDeletedId.isZero() || firstId.compareTo(maxDeletedId) > 0) return false;
        return start.compareTo(maxDeletedId) <= 0 && (end == null || maxDeletedId.compareTo(end) <= 0);
    }

    /**
     * Redis' streamEstimateDistanceFromFirstEverEntry: how many entries were added up to {@code
     * id}, where the counters tell; {@link StreamGroup#UNKNOWN_ENTRIES_READ} where they do not.
     */
    long entriesAddedUpTo(StreamId id) {
        if (entriesAdded == 0) return 0;
        if (length == 0 && id.compareTo(lastId) < 1) return entriesAdded;
        int cmpLast = id.compareTo(lastId);
        if (cmpLast == 0) return entriesAdded;
        if (cmpLast > 0) return StreamGroup.UNKNOWN_ENTRIES_READ;
        int cmpFirst = id.compareTo(firstId);
        if (maxDeletedId.isZero() || maxDeletedId.compareTo(firstId) < 0) {
            if (cmpFirst < 0) return entriesAdded - length;
            if (cmpFirst == 0) return entriesAdded - length + 1;
        }
        return StreamGroup.UNKNOWN_ENTRIES_READ;
    }

    /** Redis' streamReplyWithCGLag: entries the group has yet to read, null when unknown. */
    Reply lag(StreamGroup g) {
        if (entriesAdded == 0) return Reply.ZERO;
        if (g.entriesRead != StreamGroup.UNKNOWN_ENTRIES_READ && !rangeHasTombstones(g.lastId, null)) {
            return Reply.integer(entriesAdded - g.entriesRead);
        }
        long read = entriesAddedUpTo(g.lastId);
        return read == StreamGroup.UNKNOWN_ENTRIES_READ ? Reply.NULL : Reply.integer(entriesAdded - read);
    }

    /**
     * Moves the group past an entry it delivers (Redis' streamReplyWithRange with a group):
     * entries-read counts on while no deleted entry can lie behind, else is estimated afresh.
     */
    void advance(StreamGroup g, StreamId id) {
        if (id.compareTo(g.lastId) <= 0) return;
        if (g.entriesRead != StreamGroup.UNKNOWN_ENTRIES_READ && !rangeHasTombstones(id, null)) {
            g.entriesRead++;
        } else if (entriesAdded != 0) {
            g.entriesRead = entriesAddedUpTo(id);
        }
        g.lastId = id;
    }

    /** IDs of live entries, for checks that walk them all (digest). */
    private void forEachLive(Predicate<Entry> action) {
        for (StreamNode node : nodes.values()) {
            for (StreamNode.Entry e : node.entries()) {
                if (!e.deleted() && !action.test(new Entry(e.id(), e.fieldsValues()))) return;
            }
        }
    }

    /** Every node, for snapshots, which keep Redis' node boundaries. */
    Iterable<StreamNode> nodes() {
        return nodes.values();
    }

    /** Adds a node as a snapshot recorded it; its live entries count towards the length. */
    void restoreNode(StreamNode node) {
        nodes.put(node.master, node);
        length += node.live();
    }

    /** XREAD and XREADGROUP wait for new entries (and a waiting XREADGROUP for its group going away). */
    @Override
    boolean servesBlockedClients() {
        return true;
    }

    @Override
    public String typeName() {
        return "stream";
    }

    @Override
    public String encoding() {
        return "stream";
    }

    @Override
    public StreamValue copy() {
        StreamValue c = new StreamValue(limits);
        nodes.forEach((k, n) -> c.nodes.put(k, n.copy()));
        c.length = length;
        c.lastId = lastId;
        c.firstId = firstId;
        c.maxDeletedId = maxDeletedId;
        c.entriesAdded = entriesAdded;
        groups.forEach((name, g) -> c.groups.put(name, g.copy()));
        return c;
    }

    /** Entries, counters, groups with their PELs and consumers: what a replica must agree on. */
    @Override
    public void digestInto(MessageDigest md) {
        ByteBuffer counters = ByteBuffer.allocate(8 * 8);
        counters.putLong(length).putLong(lastId.ms()).putLong(lastId.seq()).putLong(maxDeletedId.ms())
                .putLong(maxDeletedId.seq()).putLong(entriesAdded).putLong(firstId.ms()).putLong(firstId.seq());
        md.update(counters.array());
        forEachLive(e -> {
            digestId(md, e.id());
            for (byte[] b : e.fieldsValues()) digestBytes(md, b);
            return true;
        });
        groups.forEach((name, g) -> {
            digestBytes(md, name);
            digestId(md, g.lastId);
            md.update(ByteBuffer.allocate(8).putLong(g.entriesRead).array());
            g.consumers.forEach((cname, c) -> {
                digestBytes(md, cname);
                md.update(ByteBuffer.allocate(8).putLong(c.seenTime).array());
            });
            g.pel.forEach((id, p) -> {
                digestId(md, id);
                digestBytes(md, p.consumer.name);
                md.update(ByteBuffer.allocate(16).putLong(p.deliveryTime).putLong(p.deliveryCount).array());
            });
        });
    }

    private static void digestId(MessageDigest md, StreamId id) {
        md.update(ByteBuffer.allocate(16).putLong(id.ms()).putLong(id.seq()).array());
    }

    private static void digestBytes(MessageDigest md, byte[] b) {
        md.update(ByteBuffer.allocate(4).putInt(b.length).array());
        md.update(b);
    }
}
