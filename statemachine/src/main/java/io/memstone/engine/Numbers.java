package io.memstone.engine;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Redis' strict integer parsing and formatting ({@code string2ll}, {@code ll2string}). Public
 * so the gateway parses protocol numbers with the same rules.
 */
public final class Numbers {
    private Numbers() {}

    /**
     * Parses a 64-bit integer exactly as Redis' {@code string2ll}: optional '-', no '+', no
     * spaces, no leading zeros (so "-0" and "007" are rejected), no overflow.
     */
    public static OptionalLong string2ll(byte[] s) {
        int n = s.length;
        if (n == 0) return OptionalLong.empty();
        if (n == 1 && s[0] == '0') return OptionalLong.of(0);
        int i = 0;
        boolean negative = s[0] == '-';
        if (negative) i++;
        if (i == n || s[i] < '1' || s[i] > '9') return OptionalLong.empty();
        // Accumulate as a negative number: its range holds Long.MIN_VALUE.
        long v = 0;
        for (; i < n; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) return OptionalLong.empty();
            if (v < (Long.MIN_VALUE + d) / 10) return OptionalLong.empty();
            v = v * 10 - d;
        }
        if (negative) return OptionalLong.of(v);
        return v == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(-v);
    }

    static byte[] ll2string(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }
}
