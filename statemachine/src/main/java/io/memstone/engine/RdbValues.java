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
        // HashValue, SetValue and ZSetValue: one branch each here, listing their contents.
        throw new IllegalArgumentException("no RDB form for " + value.typeName());
    }

    /** The engine value for decoded contents; a type the engine does not have yet is a clear error. */
    static RedisValue fromRdb(RdbValue value) {
        if (value instanceof RdbValue.RdbString s) return new StringValue(s.bytes());
        if (value instanceof RdbValue.RdbList l) {
            ListValue list = new ListValue();
            for (byte[] e : l.elements()) list.push(ListValue.End.TAIL, e);
            return list;
        }
        // HashValue: build it from ((RdbValue.RdbHash) value).entries() here.
        if (value instanceof RdbValue.RdbHash) throw notYet("hash");
        // SetValue: build it from ((RdbValue.RdbSet) value).members() here.
        if (value instanceof RdbValue.RdbSet) throw notYet("set");
        // ZSetValue: build it from ((RdbValue.RdbZSet) value).entries() here.
        if (value instanceof RdbValue.RdbZSet) throw notYet("zset");
        throw new IllegalArgumentException("unknown RDB value " + value);
    }

    private static CommandError notYet(String type) {
        return new CommandError(Reply.error("ERR RESTORE of a " + type + " value is not supported yet"));
    }
}
