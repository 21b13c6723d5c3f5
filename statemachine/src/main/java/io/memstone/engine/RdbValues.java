package io.memstone.engine;

import io.memstone.rdb.RdbValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between the engine's values and the RDB codec's neutral {@link RdbValue}: the one
 * place DUMP, RESTORE and RDB import/export learn each type's contents. Each type is one branch
 * in each direction.
 */
final class RdbValues {
    private RdbValues() {}


    static RdbValue toRdb(RedisValue value) {
        if (value instanceof StringValue s) return new RdbValue.RdbString(s.bytes());
        if (value instanceof ListValue l) {
            List<byte[]> elements = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) elements.add(l.get(i));
            return new RdbValue.RdbList(elements);
        }
        if (value instanceof SetValue set) return new RdbValue.RdbSet(set.members());
        if (value instanceof HashValue hash) {
            List<RdbValue.FieldValue> entries = new ArrayList<>(hash.size());
            hash.forEach((f, v) -> entries.add(new RdbValue.FieldValue(f, v)));
            return new RdbValue.RdbHash(entries);
        }
        if (value instanceof ZSetValue zset) {
            List<RdbValue.ScoredMember> entries = new ArrayList<>(zset.size());
            zset.forEach((m, score) -> entries.add(new RdbValue.ScoredMember(m, score)));
            return new RdbValue.RdbZSet(entries);
        }
        if (value instanceof StreamValue s) return new RdbValue.RdbStream(StreamRdb.encode(s));
        throw new IllegalArgumentException("no RDB form for " + value.typeName());
    }

    /** The engine value for decoded contents. */
    static RedisValue fromRdb(EncodingLimits limits, RdbValue value) {
        if (value instanceof RdbValue.RdbString s) return new StringValue(s.bytes());
        if (value instanceof RdbValue.RdbList l) {
            ListValue list = new ListValue();
            for (byte[] e : l.elements()) list.push(ListValue.End.TAIL, e);
            return list;
        }
        if (value instanceof RdbValue.RdbHash h) {
            HashValue hash = new HashValue(limits);
            for (RdbValue.FieldValue e : h.entries()) hash.set(e.field(), e.value());
            return hash;
        }
        if (value instanceof RdbValue.RdbSet s) return SetValue.of(limits, s.members());
        if (value instanceof RdbValue.RdbZSet z) {
            ZSetValue zset = new ZSetValue(limits);
            for (RdbValue.ScoredMember e : z.entries()) zset.put(e.member(), e.score());
            return zset;
        }
        throw new IllegalArgumentException("unknown RDB value " + value);
    }
}
