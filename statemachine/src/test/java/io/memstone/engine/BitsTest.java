package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.memstone.engine.Bits.Overflow;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitsTest {
    @Test
    void countAndPositionMatchABitByBitScan() {
        Random r = new Random(3);
        for (int trial = 0; trial < 2_000; trial++) {
            byte[] p = new byte[1 + r.nextInt(20)];
            for (int i = 0; i < p.length; i++) p[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : r.nextBoolean() ? 0 : 0xff);
            long bits = p.length * 8L;
            long from = r.nextInt((int) bits);
            long to = from + r.nextInt((int) (bits - from));
            int value = r.nextInt(2);
            long count = 0, first = -1;
            for (long b = from; b <= to; b++) {
                int bit = Bits.get(p, p.length, b);
                count += bit;
                if (first == -1 && bit == value) first = b;
            }
            assertEquals(count, Bits.count(p, from, to));
            assertEquals(first, Bits.position(p, from, to, value));
        }
    }

    @Test
    void fieldsRoundTripAndReadZerosPastTheEnd() {
        byte[] p = new byte[10];
        Bits.setField(p, 3, 64, -2);
        assertEquals(-2, Bits.getSigned(p, p.length, 3, 64));
        Bits.setField(p, 5, 7, -1);
        assertEquals(127, Bits.getUnsigned(p, p.length, 5, 7));
        assertEquals(-1, Bits.getSigned(p, p.length, 5, 7));
        byte[] one = {(byte) 0x80};
        assertEquals(1L << 62, Bits.getUnsigned(one, 1, 0, 63));
    }

    /** SAT, WRAP and FAIL against exact arithmetic, for in-range values and increments. */
    @Test
    void overflowPoliciesMatchExactArithmetic() {
        Random r = new Random(9);
        for (int trial = 0; trial < 20_000; trial++) {
            boolean signed = r.nextBoolean();
            int bits = 1 + r.nextInt(signed ? 64 : 63);
            BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
            BigInteger max = signed ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
            long value = signed ? Bits.getSigned(randomBytes(r), 8, 0, bits) : Bits.getUnsigned(randomBytes(r), 8, 0, bits);
            long incr = r.nextBoolean() ? r.nextLong() : r.nextInt(200) - 100;
            BigInteger exact = BigInteger.valueOf(value).add(BigInteger.valueOf(incr));
            boolean overflows = exact.compareTo(min) < 0 || exact.compareTo(max) > 0;
            Long sat = fit(signed, value, incr, bits, Overflow.SAT);
            Long wrap = fit(signed, value, incr, bits, Overflow.WRAP);
            Long fail = fit(signed, value, incr, bits, Overflow.FAIL);
            BigInteger span = BigInteger.ONE.shiftLeft(bits);
            BigInteger wrapped = exact.subtract(min).mod(span).add(min);
            assertEquals(wrapped.longValue(), wrap.longValue());
            if (overflows) {
                assertNull(fail);
                assertEquals(exact.signum() < 0 && exact.compareTo(min) < 0 ? min.longValue() : max.longValue(),
                        sat.longValue());
            } else {
                assertEquals(exact.longValue(), fail.longValue());
                assertEquals(exact.longValue(), sat.longValue());
            }
        }
    }

    /** Redis' quirk: a SET value far below a signed field's minimum saturates to the maximum. */
    @Test
    void setFarBelowTheMinimumSaturatesUpLikeRedis() {
        assertEquals(127L, Bits.fitSigned(Long.MIN_VALUE, 0, 8, Overflow.SAT));
        assertEquals(-128L, Bits.fitSigned(-129, 0, 8, Overflow.SAT));
        assertEquals(255L, Bits.fitUnsigned(-1, 0, 8, Overflow.SAT));
    }

    private static Long fit(boolean signed, long value, long incr, int bits, Overflow o) {
        return signed ? Bits.fitSigned(value, incr, bits, o) : Bits.fitUnsigned(value, incr, bits, o);
    }

    private static byte[] randomBytes(Random r) {
        byte[] p = new byte[8];
        r.nextBytes(p);
        return p;
    }
}
