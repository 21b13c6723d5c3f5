package io.memstone.rdb;

import static io.memstone.rdb.RdbFormatException.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis' intset: a little-endian width (2, 4 or 8 bytes), a count, then the integers in strictly
 * ascending order at that width. Not empty.
 */
public final class Intset {
    private Intset() {}

    /** The members as decimal text, ascending; rejects a bad width, size, order or duplicates. */
    public static List<byte[]> decode(byte[] is) {
        RdbInput in = new RdbInput(is, 0, is.length);
        int width = (int) in.readLittleEndian(4);
        check(width == 2 || width == 4 || width == 8, "bad intset width " + width);
        long count = in.readLittleEndian(4);
        check(count > 0 && count * width == in.remaining(), "intset size mismatch");
        List<byte[]> out = new ArrayList<>((int) count);
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long v = Listpack.signExtend(in.readLittleEndian(width), width * 8);
            check(i == 0 || v > previous, "intset out of order");
            previous = v;
            out.add(Decimal.text(v));
        }
        return out;
    }
}
