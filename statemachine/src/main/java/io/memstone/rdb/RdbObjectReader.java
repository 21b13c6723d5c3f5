package io.memstone.rdb;

import static io.memstone.rdb.RdbFormatException.check;

import io.memstone.rdb.RdbValue.FieldValue;
import io.memstone.rdb.RdbValue.ScoredMember;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes one RDB object of any type redis-server 7.0 writes or loads (and 7.2's set
 * listpack), whatever its encoding, into the neutral {@link RdbValue}. Rejects, as Redis'
 * rdbLoadObject does, empty collections, duplicate members or fields and NaN scores; it also
 * rejects what Redis checks only under sanitize-dump-payload (packed blobs are always
 * validated in full here). Streams and modules are not supported.
 */
public final class RdbObjectReader {
    private RdbObjectReader() {}

    private static final int CONTAINER_PLAIN = 1;
    private static final int CONTAINER_PACKED = 2;

    /** A type byte and the object after it. */
    public static RdbValue readTyped(RdbInput in) {
        return read(in.readByte(), in);
    }

    /** The object of the given type at the input's position. */
    public static RdbValue read(int type, RdbInput in) {
        switch (type) {
            case RdbType.STRING: return new RdbValue.RdbString(in.readString());
            case RdbType.LIST: return list(strings(in, in.readCount()));
            case RdbType.LIST_ZIPLIST: return list(Ziplist.decode(in.readString()));
            case RdbType.LIST_QUICKLIST: return quicklist(in, false);
            case RdbType.LIST_QUICKLIST_2: return quicklist(in, true);
            case RdbType.SET: return set(strings(in, in.readCount()));
            case RdbType.SET_INTSET: return set(Intset.decode(in.readString()));
            case RdbType.SET_LISTPACK: return set(Listpack.decode(in.readString()));
            case RdbType.HASH: return hash(strings(in, pairs(in)));
            case RdbType.HASH_ZIPMAP: return hash(Zipmap.decode(in.readString()));
            case RdbType.HASH_ZIPLIST: return hash(Ziplist.decode(in.readString()));
            case RdbType.HASH_LISTPACK: return hash(Listpack.decode(in.readString()));
            case RdbType.ZSET: return zsetOfStrings(in, false);
            case RdbType.ZSET_2: return zsetOfStrings(in, true);
            case RdbType.ZSET_ZIPLIST: return packedZset(Ziplist.decode(in.readString()));
            case RdbType.ZSET_LISTPACK: return packedZset(Listpack.decode(in.readString()));
            default: throw new RdbFormatException("unsupported RDB object type " + type);
        }
    }

    private static List<byte[]> strings(RdbInput in, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(in.readString());
        return out;
    }

    /** Twice a pair count: the number of strings to read. */
    private static int pairs(RdbInput in) {
        int count = in.readCount();
        check(count <= in.remaining() / 2, "count larger than the data");
        return count * 2;
    }

    private static RdbValue list(List<byte[]> elements) {
        check(!elements.isEmpty(), "empty list");
        return new RdbValue.RdbList(elements);
    }

    /** Nodes of ziplists (type 14) or of a container kind and then a listpack or one plain element. */
    private static RdbValue quicklist(RdbInput in, boolean withContainers) {
        int nodes = in.readCount();
        List<byte[]> elements = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            long container = withContainers ? in.readLength() : CONTAINER_PACKED;
            check(container == CONTAINER_PLAIN || container == CONTAINER_PACKED, "bad quicklist container " + container);
            byte[] node = in.readString();
            check(node.length > 0, "empty quicklist node");
            if (container == CONTAINER_PLAIN) elements.add(node);
            else elements.addAll(withContainers ? Listpack.decode(node) : Ziplist.decode(node));
        }
        return list(elements);
    }

    private static RdbValue set(List<byte[]> members) {
        check(!members.isEmpty(), "empty set");
        requireDistinct(members, 1, "set members");
        return new RdbValue.RdbSet(members);
    }

    /** Fields and values alternating. */
    private static RdbValue hash(List<byte[]> flat) {
        check(!flat.isEmpty() && flat.size() % 2 == 0, "empty hash or a field without value");
        requireDistinct(flat, 2, "hash fields");
        List<FieldValue> entries = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i < flat.size(); i += 2) entries.add(new FieldValue(flat.get(i), flat.get(i + 1)));
        return new RdbValue.RdbHash(entries);
    }

    private static RdbValue zsetOfStrings(RdbInput in, boolean binaryScores) {
        int count = in.readCount();
        List<ScoredMember> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] member = in.readString();
            entries.add(new ScoredMember(member, binaryScores ? in.readBinaryDouble() : in.readStringDouble()));
        }
        return zset(entries);
    }

    /** Members and scores (as text) alternating, as ziplists and listpacks hold them. */
    private static RdbValue packedZset(List<byte[]> flat) {
        check(flat.size() % 2 == 0, "a zset member without score");
        List<ScoredMember> entries = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i < flat.size(); i += 2) {
            entries.add(new ScoredMember(flat.get(i), RdbInput.parseDouble(flat.get(i + 1))));
        }
        return zset(entries);
    }

    private static RdbValue zset(List<ScoredMember> entries) {
        check(!entries.isEmpty(), "empty zset");
        List<byte[]> members = new ArrayList<>(entries.size());
        for (ScoredMember e : entries) {
            check(!Double.isNaN(e.score()), "NaN zset score");
            members.add(e.member());
        }
        requireDistinct(members, 1, "zset members");
        return new RdbValue.RdbZSet(entries);
    }

    /** Every {@code stride}-th item from the first must be distinct. */
    private static void requireDistinct(List<byte[]> items, int stride, String what) {
        Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i += stride) {
            check(seen.add(ByteBuffer.wrap(items.get(i))), "duplicate " + what);
        }
    }
}
