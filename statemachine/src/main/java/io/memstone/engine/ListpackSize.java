package io.memstone.engine;

/**
 * Bytes an element takes in a Redis 7.0 listpack (encoding, data and back-length), so that
 * structures emulating Redis' node sizes close their nodes where Redis does.
 */
final class ListpackSize {
    private ListpackSize() {}

    static long integer(long v) {
        int encoded;
        if (v >= 0 && v <= 127) encoded = 1;
        else if (v >= -4096 && v <= 4095) encoded = 2;
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) encoded = 3;
        else if (v >= -(1 << 23) && v < (1 << 23)) encoded = 4;
        else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) encoded = 5;
        else encoded = 9;
        return encoded + backlen(encoded);
    }

    /** A string that reads as an integer (lpStringToInt64) is stored as one. */
    static long string(byte[] s) {
        if (s.length <= 20) {
            var v = Numbers.string2ll(s);
            if (v.isPresent()) return integer(v.getAsLong());
        }
        long encoded = s.length + (s.length < 64 ? 1 : s.length < 4096 ? 2 : 5);
        return encoded + backlen(encoded);
    }

    private static int backlen(long encoded) {
        return encoded <= 127 ? 1 : encoded < 16383 ? 2 : encoded < 2097151 ? 3 : encoded < 268435455 ? 4 : 5;
    }
}
