package io.memstone.rdb;

import static io.memstone.rdb.RdbFormatException.check;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis' listpack: a 4-byte total size and a 2-byte count (65535: unknown), little-endian;
 * entries, each an encoding byte, data and a back-length; then 0xFF. Integer entries stand for
 * their decimal text. Decoding validates every entry, the count and the size.
 */
public final class Listpack {
    private Listpack() {}

    private static final int HEADER = 6;
    private static final int END = 0xff;
    private static final int UNKNOWN_COUNT = 65535;

    /** The entries of a whole listpack, integers as their decimal text. */
    public static List<byte[]> decode(byte[] lp) {
        check(lp.length >= HEADER + 1, "listpack too short");
        RdbInput in = new RdbInput(lp, 0, lp.length);
        check(in.readLittleEndian(4) == lp.length, "listpack size mismatch");
        int count = (int) in.readLittleEndian(2);
        List<byte[]> out = new ArrayList<>();
        while (true) {
            check(in.remaining() > 0, "listpack without end byte");
            int start = lp.length - in.remaining();
            int b = in.readByte();
            if (b == END) break;
            out.add(entry(b, in));
            backLength(lp.length - in.remaining() - start, in);
        }
        check(in.remaining() == 0, "bytes after the listpack end");
        check(count == UNKNOWN_COUNT || count == out.size(), "listpack count mismatch");
        return out;
    }

    private static byte[] entry(int b, RdbInput in) {
        if ((b & 0x80) == 0) return Decimal.text(b);
        if ((b & 0xc0) == 0x80) return in.readBytes(b & 0x3f);
        if ((b & 0xe0) == 0xc0) return Decimal.text(signExtend(((b & 0x1f) << 8) | in.readByte(), 13));
        if ((b & 0xf0) == 0xe0) return in.readBytes(((b & 0x0f) << 8) | in.readByte());
        switch (b) {
            case 0xf0: return in.readBytes(in.readLittleEndian(4));
            case 0xf1: return Decimal.text(signExtend(in.readLittleEndian(2), 16));
            case 0xf2: return Decimal.text(signExtend(in.readLittleEndian(3), 24));
            case 0xf3: return Decimal.text(signExtend(in.readLittleEndian(4), 32));
            case 0xf4: return Decimal.text(in.readLittleEndian(8));
            default: throw new RdbFormatException("bad listpack encoding " + b);
        }
    }

    /** The back-length must encode the entry's size (encoding byte and data). */
    private static void backLength(int entrySize, RdbInput in) {
        int n = backLengthSize(entrySize);
        long v = 0;
        for (int i = 0; i < n; i++) {
            int b = in.readByte();
            check(i == 0 ? b < 0x80 : b >= 0x80, "bad listpack back-length");
            v = (v << 7) | (b & 0x7f);
        }
        check(v == entrySize, "listpack back-length mismatch");
    }

    private static int backLengthSize(long entrySize) {
        if (entrySize < 1 << 7) return 1;
        if (entrySize < 1 << 14) return 2;
        if (entrySize < 1 << 21) return 3;
        if (entrySize < 1 << 28) return 4;
        return 5;
    }

    /** A listpack of these entries; canonical decimal integers are stored as integers, like lpAppend. */
    public static byte[] encode(List<byte[]> entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] e : entries) {
            int start = body.size();
            Long v = Decimal.canonicalInteger(e);
            if (v != null) writeInteger(body, v);
            else writeString(body, e);
            int size = body.size() - start;
            int n = backLengthSize(size);
            for (int i = n - 1; i >= 0; i--) body.write((int) ((size >>> (7 * i)) & 0x7f) | (i == n - 1 ? 0 : 0x80));
        }
        int total = HEADER + body.size() + 1;
        ByteArrayOutputStream lp = new ByteArrayOutputStream(total);
        for (int i = 0; i < 4; i++) lp.write(total >>> (8 * i));
        int count = Math.min(entries.size(), UNKNOWN_COUNT);
        lp.write(count);
        lp.write(count >>> 8);
        lp.writeBytes(body.toByteArray());
        lp.write(END);
        return lp.toByteArray();
    }

    /** The size {@link #encode} gives one entry, for callers that split lists into nodes. */
    public static int encodedSize(byte[] entry) {
        Long v = Decimal.canonicalInteger(entry);
        int size;
        if (v != null) size = integerSize(v);
        else if (entry.length < 1 << 6) size = 1 + entry.length;
        else if (entry.length < 1 << 12) size = 2 + entry.length;
        else size = 5 + entry.length;
        return size + backLengthSize(size);
    }

    private static void writeString(ByteArrayOutputStream out, byte[] e) {
        if (e.length < 1 << 6) {
            out.write(0x80 | e.length);
        } else if (e.length < 1 << 12) {
            out.write(0xe0 | (e.length >> 8));
            out.write(e.length);
        } else {
            out.write(0xf0);
            for (int i = 0; i < 4; i++) out.write(e.length >>> (8 * i));
        }
        out.writeBytes(e);
    }

    private static int integerSize(long v) {
        if (v >= 0 && v < 128) return 1;
        if (v >= -(1 << 12) && v < 1 << 12) return 2;
        if (v == (short) v) return 3;
        if (v >= -(1 << 23) && v < 1 << 23) return 4;
        if (v == (int) v) return 5;
        return 9;
    }

    private static void writeInteger(ByteArrayOutputStream out, long v) {
        switch (integerSize(v)) {
            case 1: out.write((int) v); return;
            case 2:
                out.write(0xc0 | (int) ((v >> 8) & 0x1f));
                out.write((int) v);
                return;
            case 3: little(out, 0xf1, v, 2); return;
            case 4: little(out, 0xf2, v, 3); return;
            case 5: little(out, 0xf3, v, 4); return;
            default: little(out, 0xf4, v, 8);
        }
    }

    private static void little(ByteArrayOutputStream out, int encoding, long v, int n) {
        out.write(encoding);
        for (int i = 0; i < n; i++) out.write((int) (v >>> (8 * i)));
    }

    static long signExtend(long v, int bits) {
        return (v << (64 - bits)) >> (64 - bits);
    }
}
