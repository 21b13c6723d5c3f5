package io.memstone.engine;

/** Unsigned LEB128 lengths, as the packed encodings prefix their strings with. */
final class Varints {
    private Varints() {}

    /** The value at {@code at} in {@code b}. */
    static int read(byte[] b, int at) {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b[at++];
            v |= (x & 0x7f) << shift;
            if (x >= 0) return v;
        }
    }

    /** Writes {@code v} at {@code p}; returns the offset after it. */
    static int write(byte[] b, int p, int v) {
        while (v >= 0x80) {
            b[p++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    static int size(int v) {
        int n = 1;
        while (v >= 0x80) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
