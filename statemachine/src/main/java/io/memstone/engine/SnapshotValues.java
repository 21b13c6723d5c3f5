package io.memstone.engine;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Each value type's encoding inside a snapshot: a type byte, the collection encoding where
 * Redis 7.0 keeps one that it never converts back (so a reloaded replica answers OBJECT
 * ENCODING, orders replies and draws SPOP members exactly as before), then the contents.
 */
final class SnapshotValues {
    private static final int STRING = 0;
    private static final int LIST = 1;
    private static final int SET = 2;
    private static final int HASH = 3;
    private static final int ZSET = 4;
    private static final int STREAM = 5;

    private SnapshotValues() {}

    static void write(DataOutputStream out, RedisValue value) throws IOException {
        if (value instanceof StringValue s) {
            out.writeByte(STRING);
            EngineSnapshot.writeBytes(out, s.bytes());
        } else if (value instanceof ListValue l) {
            out.writeByte(LIST);
            out.writeInt(l.size());
            for (int i = 0; i < l.size(); i++) EngineSnapshot.writeBytes(out, l.get(i));
        } else if (value instanceof SetValue set) {
            out.writeByte(SET);
            out.writeBoolean(set.isIntset());
            out.writeInt(set.size());
            for (byte[] m : set.members()) EngineSnapshot.writeBytes(out, m);
        } else if (value instanceof HashValue hash) {
            out.writeByte(HASH);
            out.writeBoolean(hash.isPacked());
            out.writeInt(hash.size());
            for (HashValue.Entry e : hash.entries()) {
                EngineSnapshot.writeBytes(out, e.field());
                EngineSnapshot.writeBytes(out, e.value());
            }
        } else if (value instanceof ZSetValue zset) {
            out.writeByte(ZSET);
            out.writeBoolean(zset.encoding().equals("listpack"));
            out.writeInt(zset.size());
            IOException[] failure = {null};
            zset.forEach((member, score) -> {
                try {
                    EngineSnapshot.writeBytes(out, member);
                    out.writeDouble(score);
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) throw failure[0];
        } else if (value instanceof StreamValue stream) {
            out.writeByte(STREAM);
            StreamSnapshot.write(out, stream);
        } else {
            throw new IllegalStateException("no snapshot encoding for " + value.typeName());
        }
    }

    static RedisValue read(SnapshotInput in, EncodingLimits limits) throws IOException {
        int type = in.readUnsignedByte();
        switch (type) {
            case STRING:
                return new StringValue(in.readBytes());
            case LIST: {
                ListValue list = new ListValue();
                for (int n = in.readCount(); n > 0; n--) list.push(ListValue.End.TAIL, in.readBytes());
                return list;
            }
            case SET: {
                boolean intset = in.readBoolean();
                List<byte[]> members = new ArrayList<>();
                for (int n = in.readCount(); n > 0; n--) members.add(in.readBytes());
                return SetValue.restored(limits, intset, members);
            }
            case HASH: {
                boolean packed = in.readBoolean();
                List<HashValue.Entry> entries = new ArrayList<>();
                for (int n = in.readCount(); n > 0; n--) {
                    entries.add(new HashValue.Entry(in.readBytes(), in.readBytes()));
                }
                return HashValue.restored(limits, packed, entries);
            }
            case ZSET: {
                ZSetValue zset = in.readBoolean() ? new ZSetValue(limits) : ZSetValue.skipList(limits);
                for (int n = in.readCount(); n > 0; n--) zset.put(in.readBytes(), in.readDouble());
                return zset;
            }
            case STREAM:
                return StreamSnapshot.read(in, limits);
            default:
                throw new CorruptSnapshotException("unknown value type " + type + " in snapshot");
        }
    }
}
