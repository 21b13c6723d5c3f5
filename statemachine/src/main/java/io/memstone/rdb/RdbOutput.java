package io.memstone.rdb;

import java.io.ByteArrayOutputStream;

/** Writes RDB primitives as redis-server does: lengths, strings in their best encoding, doubles. */
public final class RdbOutput {
    /** Shorter strings never shrink under LZF (Redis' rdbSaveRawString skips them too). */
    private static final int MIN_LZF_LENGTH = 21;
    /** Longest decimal text of an int32, the widest integer encoding. */
    private static final int MAX_INT_TEXT = 11;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public void writeByte(int b) {
        out.write(b);
    }

    public void writeBytes(byte[] b) {
        out.writeBytes(b);
    }

    public void writeLittleEndian(long v, int n) {
        for (int i = 0; i < n; i++) out.write((int) (v >>> (8 * i)));
    }

    private void writeBigEndian(long v, int n) {
        for (int i = n - 1; i >= 0; i--) out.write((int) (v >>> (8 * i)));
    }

    /** Redis' rdbSaveLen of an unsigned 64-bit n: the shortest of the 6, 14, 32 and 64-bit forms. */
    public void writeLength(long n) {
        if (n < 0) {
            out.write(RdbInput.LEN_64);
            writeBigEndian(n, 8);
        } else if (n < 1 << 6) {
            out.write((int) n);
        } else if (n < 1 << 14) {
            out.write((int) ((1 << 6) | (n >> 8)));
            out.write((int) n);
        } else if (n <= 0xffffffffL) {
            out.write(RdbInput.LEN_32);
            writeBigEndian(n, 4);
        } else {
            out.write(RdbInput.LEN_64);
            writeBigEndian(n, 8);
        }
    }

    /**
     * Redis' rdbSaveRawString: canonical decimal integers in int32 range as int8/16/32, long
     * strings LZF-compressed when that saves at least 4 bytes, the rest raw.
     */
    public void writeString(byte[] s) {
        if (s.length <= MAX_INT_TEXT && writeInteger(s)) return;
        if (s.length >= MIN_LZF_LENGTH) {
            byte[] compressed = Lzf.compress(s, s.length - 4);
            if (compressed != null) {
                out.write(encoded(RdbInput.ENC_LZF));
                writeLength(compressed.length);
                writeLength(s.length);
                out.writeBytes(compressed);
                return;
            }
        }
        writeLength(s.length);
        out.writeBytes(s);
    }

    private boolean writeInteger(byte[] s) {
        Long parsed = Decimal.canonicalInteger(s);
        if (parsed == null) return false;
        long v = parsed;
        if (v == (byte) v) {
            out.write(encoded(RdbInput.ENC_INT8));
            writeLittleEndian(v, 1);
        } else if (v == (short) v) {
            out.write(encoded(RdbInput.ENC_INT16));
            writeLittleEndian(v, 2);
        } else if (v == (int) v) {
            out.write(encoded(RdbInput.ENC_INT32));
            writeLittleEndian(v, 4);
        } else {
            return false;
        }
        return true;
    }

    private static int encoded(int encoding) {
        return (RdbInput.ENCVAL << 6) | encoding;
    }

    public void writeBinaryDouble(double d) {
        writeLittleEndian(Double.doubleToRawLongBits(d), 8);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
