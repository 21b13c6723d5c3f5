package io.memstone.command;

/** Redis Cluster's key-to-slot mapping: CRC16-XMODEM of the key or of its {hash tag}, mod 16384. */
public final class Slots {
    public static final int COUNT = 16384;
    /** Returned by {@link #slotOf(byte[][], int[])} when the keys span several slots. */
    public static final int CROSS_SLOT = -1;

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xffff;
        }
    }

    private Slots() {}

    public static int crc16(byte[] data, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ data[i]) & 0xff]) & 0xffff;
        }
        return crc;
    }

    /** The slot of a key: only the part between the first '{' and the next '}' counts, if non-empty. */
    public static int slot(byte[] key) {
        int open = indexOf(key, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(key, (byte) '}', open + 1);
            if (close > open + 1) return crc16(key, open + 1, close) & (COUNT - 1);
        }
        return crc16(key, 0, key.length) & (COUNT - 1);
    }

    /** The slot shared by the keys at {@code positions} (0 when none), or {@link #CROSS_SLOT}. */
    public static int slotOf(byte[][] argv, int[] positions) {
        if (positions.length == 0) return 0;
        int slot = slot(argv[positions[0]]);
        for (int i = 1; i < positions.length; i++) {
            if (slot(argv[positions[i]]) != slot) return CROSS_SLOT;
        }
        return slot;
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) return i;
        }
        return -1;
    }
}
