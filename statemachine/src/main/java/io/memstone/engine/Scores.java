package io.memstone.engine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Sorted-set scores as Redis 7.0 reads and prints them: C's {@code strtod} syntax (decimal,
 * hex, inf, nan), the strict whole-argument form of {@code getDoubleFromObject}, and
 * {@code %.17g} formatting as {@code addReplyDouble} writes it.
 */
public final class Scores {
    private Scores() {}

    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

    /** A strtod result: the value and the index just past the bytes it consumed (0 if none). */
    record Parsed(double value, int end) {}

    /**
     * A whole argument as a double (Redis' getDoubleFromObject): no leading space, nothing
     * after the number, no NaN, no overflow from a finite literal, no underflow to zero.
     * Null when invalid.
     */
    static Double parseStrict(byte[] s) {
        if (s.length == 0 || isSpace(s[0])) return null;
        Parsed p = strtod(s, 0);
        if (p.end != s.length || Double.isNaN(p.value)) return null;
        if (Double.isInfinite(p.value) && !spellsInfinity(s)) return null;
        if (p.value == 0 && hasNonZeroDigit(s)) return null;
        return p.value;
    }

    /**
     * C's strtod over {@code s} from {@code start}, stopping at the first byte that cannot
     * continue the number (a NUL included): leading white space, a sign, then inf[inity],
     * nan[(...)], a hex float or a decimal one.
     */
    static Parsed strtod(byte[] s, int start) {
        int i = start;
        while (i < s.length && isSpace(s[i])) i++;
        boolean negative = false;
        if (i < s.length && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
        double v;
        int end;
        if (matchesWord(s, i, "infinity")) {
            v = Double.POSITIVE_INFINITY;
            end = i + 8;
        } else if (matchesWord(s, i, "inf")) {
            v = Double.POSITIVE_INFINITY;
            end = i + 3;
        } else if (matchesWord(s, i, "nan")) {
            v = Double.NaN;
            end = i + 3;
            int j = end;
            if (j < s.length && s[j] == '(') {
                for (j++; j < s.length && (Character.isLetterOrDigit(s[j]) || s[j] == '_'); j++) {}
                if (j < s.length && s[j] == ')') end = j + 1;
            }
        } else if (i + 2 < s.length && s[i] == '0' && (s[i + 1] | 0x20) == 'x' && hexStart(s, i + 2)) {
            int j = i + 2;
            StringBuilder mantissa = new StringBuilder("0x");
            j = digits(s, j, true, mantissa);
            if (j < s.length && s[j] == '.') {
                mantissa.append('.');
                j = digits(s, j + 1, true, mantissa);
            }
            j = exponent(s, j, 'p', mantissa);
            if (mantissa.indexOf("p") < 0) mantissa.append("p0");
            v = Double.parseDouble(mantissa.toString());
            end = j;
        } else {
            StringBuilder text = new StringBuilder();
            int j = digits(s, i, false, text);
            int intDigits = j - i;
            if (j < s.length && s[j] == '.') {
                int fracStart = j + 1;
                text.append('.');
                j = digits(s, fracStart, false, text);
                if (intDigits == 0 && j == fracStart) return new Parsed(0, start);
            } else if (intDigits == 0) {
                return new Parsed(0, start);
            }
            j = exponent(s, j, 'e', text);
            v = Double.parseDouble(text.toString());
            end = j;
        }
        return new Parsed(negative ? -v : v, end);
    }

    /** Redis' addReplyDouble text: {@code %.17g}, and "inf"/"-inf". */
    static String format(double d) {
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (Double.isNaN(d)) return "nan";
        if (d == 0) return 1 / d < 0 ? "-0" : "0";
        BigDecimal r = new BigDecimal(d).round(SEVENTEEN_DIGITS);
        String digits = r.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - r.scale();
        int last = digits.length();
        while (last > 1 && digits.charAt(last - 1) == '0') last--;
        digits = digits.substring(0, last);
        StringBuilder b = new StringBuilder(d < 0 ? "-" : "");
        if (exp < -4 || exp >= 17) {
            b.append(digits.charAt(0));
            if (digits.length() > 1) b.append('.').append(digits, 1, digits.length());
            int e = Math.abs(exp);
            b.append(exp < 0 ? "e-" : "e+").append(e < 10 ? "0" : "").append(e);
        } else if (exp >= 0) {
            if (digits.length() <= exp + 1) {
                b.append(digits).append("0".repeat(exp + 1 - digits.length()));
            } else {
                b.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
            }
        } else {
            b.append("0.").append("0".repeat(-exp - 1)).append(digits);
        }
        return b.toString();
    }

    public static Reply reply(double d) {
        return new Reply.DoubleReply(format(d));
    }

    static byte[] bytes(double d) {
        return format(d).getBytes(StandardCharsets.US_ASCII);
    }

    /** C's isspace in the "C" locale. */
    static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private static boolean matchesWord(byte[] s, int i, String word) {
        if (i + word.length() > s.length) return false;
        for (int k = 0; k < word.length(); k++) {
            if ((s[i + k] | 0x20) != word.charAt(k)) return false;
        }
        return true;
    }

    private static boolean hexStart(byte[] s, int i) {
        return isDigit(s[i], true) || (s[i] == '.' && i + 1 < s.length && isDigit(s[i + 1], true));
    }

    private static boolean isDigit(byte b, boolean hex) {
        return (b >= '0' && b <= '9') || (hex && ((b | 0x20) >= 'a' && (b | 0x20) <= 'f'));
    }

    private static int digits(byte[] s, int i, boolean hex, StringBuilder out) {
        for (; i < s.length && isDigit(s[i], hex); i++) out.append((char) s[i]);
        return i;
    }

    /** An exponent ({@code e} or {@code p}, a sign, digits) is consumed only when digits follow. */
    private static int exponent(byte[] s, int i, char marker, StringBuilder out) {
        if (i >= s.length || (s[i] | 0x20) != marker) return i;
        int j = i + 1;
        if (j < s.length && (s[j] == '+' || s[j] == '-')) j++;
        if (j >= s.length || !isDigit(s[j], false)) return i;
        out.append(marker).append(new String(s, i + 1, j - i - 1, StandardCharsets.US_ASCII));
        // Clamp absurd exponents: Java's parser would take them, but slowly digit by digit.
        int k = j;
        while (k < s.length && isDigit(s[k], false)) k++;
        String e = new String(s, j, k - j, StandardCharsets.US_ASCII).replaceFirst("^0+(?=.)", "");
        out.append(e.length() > 6 ? "999999" : e);
        return k;
    }

    private static boolean spellsInfinity(byte[] s) {
        for (byte b : s) {
            if ((b | 0x20) == 'i') return true;
        }
        return false;
    }

    /** Whether the mantissa has a non-zero digit (hex "0x" prefix and exponent aside). */
    private static boolean hasNonZeroDigit(byte[] s) {
        int i = 0;
        if (i < s.length && (s[i] == '+' || s[i] == '-')) i++;
        boolean hex = i + 1 < s.length && s[i] == '0' && (s[i + 1] | 0x20) == 'x';
        if (hex) i += 2;
        for (; i < s.length; i++) {
            byte b = s[i];
            if (!hex && (b | 0x20) == 'e') break;
            if (hex && (b | 0x20) == 'p') break;
            if (isDigit(b, hex) && b != '0') return true;
        }
        return false;
    }
}
