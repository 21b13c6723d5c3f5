package io.memstone.engine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Each value type's encoding inside a snapshot: a type byte, then the contents. */
final class SnapshotValues {
    private static final int STRING = 0;
    private static final int LIST = 1;

    private SnapshotValues() {}

    static void write(DataOutputStream out, RedisValue value) throws IOException {
        if (value instanceof StringValue s) {
            out.writeByte(STRING);
            EngineSnapshot.writeBytes(out, s.bytes());
        } else if (value instanceof ListValue l) {
            out.writeByte(LIST);
            out.writeInt(l.size());
            for (int i = 0; i < l.size(); i++) EngineSnapshot.writeBytes(out, l.get(i));
        } else {
            throw new IllegalStateException("no snapshot encoding for " + value.typeName());
        }
    }

    static RedisValue read(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        switch (type) {
            case STRING:
                return new StringValue(EngineSnapshot.readBytes(in));
            case LIST:
                ListValue list = new ListValue();
                for (int n = in.readInt(); n > 0; n--) list.push(ListValue.End.TAIL, EngineSnapshot.readBytes(in));
                return list;
            default:
                throw new CorruptSnapshotException("unknown value type " + type + " in snapshot");
        }
    }
}
