package io.memstone.rdb;

import static io.memstone.rdb.RdbFormatException.check;

import java.nio.charset.StandardCharsets;

/**
 * Reads RDB primitives from a byte range: lengths, strings in their encodings, doubles. Every
 * read checks the bytes left first, so truncated or lying input fails with
 * {@link RdbFormatException} before anything is allocated for it.
 */
public final class RdbInput {
    /** A length byte's top two bits: 0, 1 (6 and 14-bit lengths), 0x80/0x81 (32, 64), 3 (a string encoding). */
    static final int ENCVAL = 3;
    static final int LEN_32 = 0x80;
    static final int LEN_64 = 0x81;
    static final int ENC_INT8 = 0;
    static final int ENC_INT16 = 1;
    static final int ENC_INT32 = 2;
    static final int ENC_LZF = 3;

    private final byte[] bytes;
    private int pos;
    private final int end;

    public RdbInput(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.pos = from;
        this.end = to;
    }

    public int remaining() {
        return end - pos;
    }

    public int readByte() {
        need(1);
        return bytes[pos++] & 0xff;
    }

    public byte[] readBytes(long n) {
        need(n);
        byte[] out = java.util.Arrays.copyOfRange(bytes, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    /** n bytes as a little-endian unsigned (n < 8) or two's complement (n = 8) integer. */
    public long readLittleEndian(int n) {
        need(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = (v << 8) | (bytes[pos + i] & 0xff);
        pos += n;
        return v;
    }

    private long readBigEndian(int n) {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) v = (v << 8) | (bytes[pos + i] & 0xff);
        pos += n;
        return v;
    }

    /** Redis' rdbLoadLen: 6, 14, 32 or 64 bits; a string's special encoding is an error here. */
    public long readLength() {
        int first = readByte();
        check(first >> 6 != ENCVAL, "encoded value where a length belongs");
        return lengthAfter(first);
    }

    /** A length as a count of things that each take at least one byte: it must fit what is left. */
    public int readCount() {
        long n = readLength();
        check(n <= remaining(), "count larger than the data");
        return (int) n;
    }

    private long lengthAfter(int first) {
        switch (first >> 6) {
            case 0: return first & 0x3f;
            case 1: return ((first & 0x3f) << 8) | readByte();
            default:
                if (first == LEN_32) return readBigEndian(4);
                if (first == LEN_64) {
                    long n = readBigEndian(8);
                    check(n >= 0, "length out of range");
                    return n;
                }
                throw new RdbFormatException("unknown length encoding " + first);
        }
    }

    /** Redis' rdbGenericLoadStringObject: raw, an int8/16/32 as its decimal text, or LZF. */
    public byte[] readString() {
        int first = readByte();
        if (first >> 6 != ENCVAL) return readBytes(lengthAfter(first));
        switch (first & 0x3f) {
            case ENC_INT8: return Decimal.text((byte) readLittleEndian(1));
            case ENC_INT16: return Decimal.text((short) readLittleEndian(2));
            case ENC_INT32: return Decimal.text((int) readLittleEndian(4));
            case ENC_LZF: {
                long compressed = readLength();
                long length = readLength();
                need(compressed);
                check(length <= Integer.MAX_VALUE - 8, "LZF length out of range");
                byte[] out = Lzf.decompress(bytes, pos, (int) compressed, (int) length);
                pos += (int) compressed;
                return out;
            }
            default: throw new RdbFormatException("unknown string encoding " + (first & 0x3f));
        }
    }

    /** RDB_TYPE_ZSET's score: a length byte (253 NaN, 254 +inf, 255 -inf) and decimal text. */
    public double readStringDouble() {
        int len = readByte();
        switch (len) {
            case 255: return Double.NEGATIVE_INFINITY;
            case 254: return Double.POSITIVE_INFINITY;
            case 253: return Double.NaN;
            default: return parseDouble(readBytes(len));
        }
    }

    /** An IEEE 754 binary64 in little-endian order (RDB_TYPE_ZSET_2's score). */
    public double readBinaryDouble() {
        return Double.longBitsToDouble(readLittleEndian(8));
    }

    /**
     * Decimal text as C's strtod reads a Redis score: Redis writes "inf" and "-inf", which
     * Java's parser does not know; anything unparsable is a format error.
     */
    static double parseDouble(byte[] text) {
        String s = new String(text, StandardCharsets.US_ASCII).trim();
        String unsigned = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        check(!s.isEmpty() && Character.isDigit(s.charAt(s.length() - 1)) || s.endsWith("."), "not a number: " + s);
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new RdbFormatException("not a number: " + s);
        }
    }

    private void need(long n) {
        check(n >= 0 && n <= remaining(), "truncated: " + n + " bytes needed, " + remaining() + " left");
    }
}
