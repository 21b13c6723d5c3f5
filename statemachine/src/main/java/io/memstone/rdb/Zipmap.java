package io.memstone.rdb;

import static io.memstone.rdb.RdbFormatException.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis' zipmap (hashes in RDB files of Redis 2.4 and older): a count byte (254: unknown), then
 * per pair a field length, field, value length, a free-space byte, value and free bytes; 0xFF.
 * A length is one byte below 254, else 254 and 4 bytes little-endian.
 */
public final class Zipmap {
    private Zipmap() {}

    private static final int BIGLEN = 254;
    private static final int END = 0xff;

    /** Fields and values alternating, in stored order. */
    public static List<byte[]> decode(byte[] zm) {
        RdbInput in = new RdbInput(zm, 0, zm.length);
        int count = in.readByte();
        List<byte[]> out = new ArrayList<>();
        while (true) {
            int b = in.readByte();
            if (b == END) break;
            out.add(in.readBytes(length(b, in)));
            long valueLength = length(in.readByte(), in);
            int free = in.readByte();
            out.add(in.readBytes(valueLength));
            in.readBytes(free);
        }
        check(in.remaining() == 0, "bytes after the zipmap end");
        check(!out.isEmpty() && (count == BIGLEN || count == out.size() / 2), "zipmap count mismatch");
        return out;
    }

    private static long length(int b, RdbInput in) {
        check(b != END, "zipmap truncated");
        return b < BIGLEN ? b : in.readLittleEndian(4);
    }
}
