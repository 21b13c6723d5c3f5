package io.memstone.rdb;

import java.nio.charset.StandardCharsets;

/** Integers as the decimal text Redis' packed encodings stand for. */
final class Decimal {
    private Decimal() {}

    static byte[] text(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The integer whose decimal text is exactly these bytes (no sign '+', no leading zeros, no
     * "-0"), or null: only such strings may be stored as integers and read back unchanged.
     */
    static Long canonicalInteger(byte[] e) {
        if (e.length == 0 || e.length > 20) return null;
        String s = new String(e, StandardCharsets.US_ASCII);
        try {
            long v = Long.parseLong(s);
            return Long.toString(v).equals(s) ? v : null;
        } catch (NumberFormatException notAnInteger) {
            return null;
        }
    }
}
