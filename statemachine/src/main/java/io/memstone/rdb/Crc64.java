package io.memstone.rdb;

/**
 * Redis' CRC-64 (Jones polynomial 0xad93d23594c935a9, reflected, initial value 0, no final
 * XOR): the checksum of DUMP payloads and RDB files. crc64("123456789") = 0xe9c6d914c4b8d9ca.
 */
public final class Crc64 {
    private Crc64() {}

    /** The polynomial with its bits reversed, as a reflected (LSB-first) CRC uses it. */
    private static final long POLY_REFLECTED = Long.reverse(0xad93d23594c935a9L);
    private static final long[] TABLE = new long[256];

    static {
        for (int b = 0; b < 256; b++) {
            long crc = b;
            for (int i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
            TABLE[b] = crc;
        }
    }

    /** Continues {@code crc} over {@code bytes[from, from + length)}. */
    public static long update(long crc, byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) crc = TABLE[(int) ((crc ^ bytes[i]) & 0xff)] ^ (crc >>> 8);
        return crc;
    }
}
