package io.memstone.rdb;

import static io.memstone.rdb.RdbFormatException.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis' ziplist (RDB files before 7.0 and quicklist nodes before 7.0): a little-endian header
 * of total size (4), offset of the last entry (4) and count (2, 65535: unknown); entries, each
 * the previous entry's size (1 byte, or 0xFE and 4 bytes), an encoding and data; then 0xFF.
 */
public final class Ziplist {
    private Ziplist() {}

    private static final int HEADER = 10;
    private static final int END = 0xff;
    private static final int BIG_PREVLEN = 0xfe;
    private static final int UNKNOWN_COUNT = 65535;

    /** The entries of a whole ziplist, integers as their decimal text; validates every link. */
    public static List<byte[]> decode(byte[] zl) {
        check(zl.length >= HEADER + 1, "ziplist too short");
        RdbInput in = new RdbInput(zl, 0, zl.length);
        check(in.readLittleEndian(4) == zl.length, "ziplist size mismatch");
        long tail = in.readLittleEndian(4);
        int count = (int) in.readLittleEndian(2);
        List<byte[]> out = new ArrayList<>();
        int previousSize = 0;
        int last = HEADER;
        while (true) {
            check(in.remaining() > 0, "ziplist without end byte");
            int start = zl.length - in.remaining();
            int b = in.readByte();
            if (b == END) break;
            long prevlen = b == BIG_PREVLEN ? in.readLittleEndian(4) : b;
            check(prevlen == previousSize, "ziplist prevlen mismatch");
            out.add(entry(in.readByte(), in));
            last = start;
            previousSize = zl.length - in.remaining() - start;
        }
        check(in.remaining() == 0, "bytes after the ziplist end");
        check(tail == last, "ziplist tail offset mismatch");
        check(count == UNKNOWN_COUNT || count == out.size(), "ziplist count mismatch");
        return out;
    }

    private static byte[] entry(int b, RdbInput in) {
        switch (b >> 6) {
            case 0: return in.readBytes(b & 0x3f);
            case 1: return in.readBytes(((b & 0x3f) << 8) | in.readByte());
            case 2:
                check(b == 0x80, "bad ziplist string encoding " + b);
                long len = 0;
                for (int i = 0; i < 4; i++) len = (len << 8) | in.readByte();
                return in.readBytes(len);
            default: return Decimal.text(integer(b, in));
        }
    }

    private static long integer(int b, RdbInput in) {
        switch (b) {
            case 0xc0: return (short) in.readLittleEndian(2);
            case 0xd0: return (int) in.readLittleEndian(4);
            case 0xe0: return in.readLittleEndian(8);
            case 0xf0: return Listpack.signExtend(in.readLittleEndian(3), 24);
            case 0xfe: return (byte) in.readLittleEndian(1);
            default:
                // 0xf1..0xfd: the value 0..12 in the low 4 bits, plus one.
                check(b >= 0xf1 && b <= 0xfd, "bad ziplist integer encoding " + b);
                return (b & 0x0f) - 1;
        }
    }
}
