package io.memstone.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The x86 80-bit {@code long double} that Redis' INCRBYFLOAT computes with (64-bit
 * significand, 15-bit exponent), emulated exactly so that results match byte for byte:
 * {@code 0.1 + 0.2} is {@code 0.3} in Redis, not Java's {@code 0.30000000000000004}.
 * A finite value is held as its exact BigDecimal; every operation rounds to nearest-even
 * at 64 significant bits, as the x87 FPU does.
 */
final class LongDouble {
    private static final int SIGNIFICAND_BITS = 64;
    /** Exponent of the smallest denormal's last bit, and of the largest finite value's top bit. */
    private static final int MIN_LSB_EXP = -16445;
    private static final int MAX_EXP = 16383;
    /** Redis' MAX_LONG_DOUBLE_CHARS: longer inputs are rejected, longer outputs become "". */
    private static final int MAX_CHARS = 5 * 1024;
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX =
            Pattern.compile("([+-]?)0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");

    private static final BigDecimal LONG_RANGE = new BigDecimal(BigInteger.ONE.shiftLeft(63));
    static final LongDouble ZERO = new LongDouble(BigDecimal.ZERO, false);

    /** Null for ±infinity; {@link #negative} then gives the sign. */
    private final BigDecimal value;
    private final boolean negative;

    private LongDouble(BigDecimal value, boolean negative) {
        this.value = value;
        this.negative = negative;
    }

    boolean isInfinite() {
        return value == null;
    }

    /**
     * {@code (long long) ceill(this * factor)} as x86 computes it: the product rounded to a
     * long double, then the ceiling; a result outside 64 bits (infinities included) becomes
     * Long.MIN_VALUE, the x87 "integer indefinite".
     */
    long ceilTimes(long factor) {
        LongDouble product = value == null ? this : round(value.multiply(BigDecimal.valueOf(factor)));
        if (product.isInfinite() || product.value.abs().compareTo(LONG_RANGE) >= 0) return Long.MIN_VALUE;
        BigInteger ceiling = product.value.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        return ceiling.bitLength() < 64 ? ceiling.longValue() : Long.MIN_VALUE;
    }

    /**
     * Parses as Redis' {@code string2ld}: strtold's syntax, but no leading space, no trailing
     * bytes (a NUL included), no NaN, and no overflow or underflow to zero.
     * Returns null when the text is not a valid float.
     */
    static LongDouble parse(byte[] bytes) {
        if (bytes.length == 0 || bytes.length >= MAX_CHARS) return null;
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        if (INFINITY.matcher(s).matches()) return new LongDouble(null, s.startsWith("-"));
        BigDecimal exact;
        if (DECIMAL.matcher(s).matches()) exact = decimal(s);
        else if (HEX.matcher(s).matches()) exact = hex(s);
        else return null;
        LongDouble rounded = round(exact);
        // Overflow (HUGE_VAL) and underflow to zero set ERANGE, which Redis rejects.
        boolean underflow = rounded.value != null && rounded.value.signum() == 0 && exact.signum() != 0;
        return rounded.isInfinite() || underflow ? null : rounded;
    }

    /** The exact value of a decimal literal; far out-of-range exponents are clamped. */
    private static BigDecimal decimal(String s) {
        int e = Math.max(s.indexOf('e'), s.indexOf('E'));
        String mantissa = e < 0 ? s : s.substring(0, e);
        BigDecimal m = new BigDecimal(mantissa.endsWith(".") ? mantissa + "0" : mantissa);
        if (e < 0 || m.signum() == 0) return m;
        String expText = s.substring(e + 1);
        // Beyond this the value over- or underflows any long double anyway.
        long exp = expText.replaceFirst("^[+-]", "").length() > 6
                ? (expText.startsWith("-") ? -1_000_000 : 1_000_000)
                : Long.parseLong(expText);
        long magnitude = m.precision() - m.scale() + exp;
        if (magnitude > 5000) return BigDecimal.TEN.pow(5000).multiply(BigDecimal.valueOf(m.signum()));
        if (magnitude < -5000) return BigDecimal.ONE.movePointLeft(5000).multiply(BigDecimal.valueOf(m.signum()));
        return m.scaleByPowerOfTen((int) exp);
    }

    /** The exact value of a C99 hex float ({@code 0x1.8p3}); the binary exponent is optional. */
    private static BigDecimal hex(String s) {
        var m = HEX.matcher(s);
        m.matches();
        String digits = m.group(2);
        int dot = digits.indexOf('.');
        int fractionDigits = dot < 0 ? 0 : digits.length() - dot - 1;
        BigInteger mantissa = new BigInteger("0" + digits.replace(".", ""), 16);
        long exp = -4L * fractionDigits;
        if (m.group(3) != null) {
            String e = m.group(3).substring(1);
            exp += e.replaceFirst("^[+-]", "").length() > 6 ? (e.startsWith("-") ? -100_000 : 100_000) : Long.parseLong(e);
        }
        exp = Math.max(-100_000, Math.min(100_000, exp));
        BigDecimal v = exp >= 0
                ? new BigDecimal(mantissa.shiftLeft((int) exp))
                : new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow((int) -exp)), (int) -exp);
        return m.group(1).equals("-") ? v.negate() : v;
    }

    /** A sum that is infinite or NaN (any infinite operand) is reported as infinite. */
    LongDouble add(LongDouble other) {
        if (isInfinite() || other.isInfinite()) return new LongDouble(null, false);
        return round(value.add(other.value));
    }

    /** Rounds an exact value to the nearest long double (ties to even); infinite on overflow. */
    static LongDouble round(BigDecimal x) {
        if (x.signum() == 0) return ZERO;
        boolean neg = x.signum() < 0;
        BigDecimal abs = x.abs();
        BigInteger num = abs.unscaledValue();
        BigInteger den = BigInteger.ONE;
        if (abs.scale() > 0) den = BigInteger.TEN.pow(abs.scale());
        else num = num.multiply(BigInteger.TEN.pow(-abs.scale()));
        // floor(log2(num/den)) is top or top - 1.
        int top = num.bitLength() - den.bitLength();
        boolean below = top >= 0 ? num.compareTo(den.shiftLeft(top)) < 0 : num.shiftLeft(-top).compareTo(den) < 0;
        if (below) top--;
        int lsbExp = Math.max(top - (SIGNIFICAND_BITS - 1), MIN_LSB_EXP);
        // q = num / den / 2^lsbExp, rounded half to even.
        BigInteger n = lsbExp < 0 ? num.shiftLeft(-lsbExp) : num;
        BigInteger d = lsbExp > 0 ? den.shiftLeft(lsbExp) : den;
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        int half = qr[1].shiftLeft(1).compareTo(d);
        if (half > 0 || (half == 0 && q.testBit(0))) q = q.add(BigInteger.ONE);
        if (q.bitLength() + lsbExp - 1 > MAX_EXP) return new LongDouble(null, neg);
        BigDecimal r = lsbExp >= 0
                ? new BigDecimal(q.shiftLeft(lsbExp))
                : new BigDecimal(q.multiply(BigInteger.valueOf(5).pow(-lsbExp)), -lsbExp);
        return new LongDouble(neg ? r.negate() : r, neg);
    }

    /**
     * Redis' {@code ld2string(..., LD_STR_HUMAN)}: {@code %.17Lf}, trailing zeros and a
     * trailing '.' removed, "-0" written "0"; empty if it would not fit Redis' buffer.
     */
    String toHumanString() {
        String s = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int len = s.length();
        while (s.charAt(len - 1) == '0') len--;
        if (s.charAt(len - 1) == '.') len--;
        s = s.substring(0, len);
        if (s.equals("-0")) s = "0";
        return s.length() + 1 > MAX_CHARS ? "" : s;
    }
}
