package io.memstone.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bit-level logic of Redis' bitmaps (bitops.c) over a byte array: bit 0 is the most
 * significant bit of byte 0. Ranges are inclusive bit offsets; bytes past {@code length} of
 * a string read as zero.
 */
final class Bits {
    private Bits() {}

    /** Eight bytes at a time, for counting (the byte order does not matter to a count). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** BITFIELD's overflow policies for SET and INCRBY. */
    enum Overflow { WRAP, SAT, FAIL }

    static int get(byte[] p, int length, long bit) {
        long i = bit >>> 3;
        return i < length ? (p[(int) i] >> (7 - (int) (bit & 7))) & 1 : 0;
    }

    static void set(byte[] p, long bit, int value) {
        int i = (int) (bit >>> 3);
        int mask = 1 << (7 - (int) (bit & 7));
        p[i] = (byte) (value != 0 ? p[i] | mask : p[i] & ~mask);
    }

    /** Set bits among bits [from, to] (both within the string). */
    static long count(byte[] p, long from, long to) {
        int first = (int) (from >>> 3), last = (int) (to >>> 3);
        long n = 0;
        int i = first;
        for (; i + Long.BYTES <= last + 1; i += Long.BYTES) n += Long.bitCount((long) LONGS.get(p, i));
        for (; i <= last; i++) n += Integer.bitCount(p[i] & 0xff);
        // Take back the bits of the edge bytes that lie outside the range.
        n -= Integer.bitCount((p[first] & 0xff) >>> (8 - (int) (from & 7)));
        n -= Integer.bitCount(p[last] & ((1 << (7 - (int) (to & 7))) - 1));
        return n;
    }

    /** The first bit equal to {@code value} among bits [from, to] (within the string), or -1. */
    static long position(byte[] p, long from, long to, int value) {
        int skip = value == 0 ? 0xff : 0; // a byte that holds no such bit
        long bit = from;
        while (bit <= to) {
            if ((bit & 7) == 0 && bit + 7 <= to && (p[(int) (bit >>> 3)] & 0xff) == skip) {
                bit += 8;
                continue;
            }
            if (get(p, p.length, bit) == value) return bit;
            bit++;
        }
        return -1;
    }

    /** The {@code bits}-wide unsigned field at {@code offset}, zero-padded past the string. */
    static long getUnsigned(byte[] p, int length, long offset, int bits) {
        long v = 0;
        for (int j = 0; j < bits; j++) v = (v << 1) | get(p, length, offset + j);
        return v;
    }

    /** The field read as two's complement. */
    static long getSigned(byte[] p, int length, long offset, int bits) {
        long v = getUnsigned(p, length, offset, bits);
        if (bits < 64 && (v & (1L << (bits - 1))) != 0) v |= -1L << bits;
        return v;
    }

    /** Stores the low {@code bits} bits of {@code value}; the string must reach that far. */
    static void setField(byte[] p, long offset, int bits, long value) {
        for (int j = 0; j < bits; j++) set(p, offset + j, (int) (value >>> (bits - 1 - j)) & 1);
    }

    /**
     * value + incr as a {@code bits}-wide signed field (Redis' checkSignedBitfieldOverflow;
     * SET passes incr 0): wrapped or saturated on overflow, null if it overflows under FAIL.
     * The comparisons wrap like Redis' 64-bit arithmetic, so an out-of-range SET value far
     * below the minimum counts as overflowing upwards, as it does in Redis.
     */
    static Long fitSigned(long value, long incr, int bits, Overflow overflow) {
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        long maxIncr = max - value;
        long minIncr = min - value;
        boolean up = value > max || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr);
        boolean down = !up
                && (value < min || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr));
        if (!up && !down) return value + incr;
        if (overflow == Overflow.FAIL) return null;
        if (overflow == Overflow.SAT) return up ? max : min;
        long sum = value + incr;
        if (bits == 64) return sum;
        long mask = -1L << bits;
        return (sum & (1L << (bits - 1))) != 0 ? sum | mask : sum & ~mask;
    }

    /** Like {@link #fitSigned} for an unsigned field of at most 63 bits; value is unsigned. */
    static Long fitUnsigned(long value, long incr, int bits, Overflow overflow) {
        long max = (1L << bits) - 1;
        boolean up = Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > max - value);
        boolean down = !up && incr < 0 && incr < -value;
        if (!up && !down) return value + incr;
        if (overflow == Overflow.FAIL) return null;
        if (overflow == Overflow.SAT) return up ? max : 0L;
        return (value + incr) & max;
    }
}
