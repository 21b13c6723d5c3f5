package io.memstone.engine;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * C's {@code strtod} as SORT applies it to each score (glibc's rules): leading white space is
 * skipped, the longest numeric prefix is read, and the whole C string (up to any NUL) must be
 * consumed. An empty string reads as 0, as there. NaN, overflow and underflow (ERANGE) fail.
 */
final class Strtod {
    private Strtod() {}

    private static final Pattern NUMBER = Pattern.compile("[ \\t\\n\\x0B\\f\\r]*([+-]?)(?:"
            + "0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?"
            + "|((?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)"
            + "|((?i:infinity|inf))"
            + "|(?i:nan)(?:\\([0-9A-Za-z_]*\\))?)");

    /** The value of the whole string, or null if strtod would not read all of it cleanly. */
    static Double parse(byte[] bytes) {
        var integer = Numbers.string2ll(bytes);
        // The common case, and exact: a long converts to the double strtod rounds it to.
        if (integer.isPresent()) return (double) integer.getAsLong();
        int length = CommandContext.cLength(bytes);
        if (length == 0) return 0.0;
        Matcher m = NUMBER.matcher(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
        if (!m.lookingAt() || m.end() != length) return null;
        boolean negative = m.group(1).equals("-");
        String digits;
        double v;
        if (m.group(2) != null) {
            digits = m.group(2);
            v = Double.parseDouble("0x" + digits + (m.group(3) == null ? "p0" : m.group(3)));
        } else if (m.group(4) != null) {
            digits = m.group(4).split("[eE]")[0];
            v = Double.parseDouble(m.group(4));
        } else if (m.group(5) != null) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } else {
            return null;
        }
        boolean overflow = Double.isInfinite(v);
        boolean underflow = v == 0 ? digits.matches(".*[1-9a-fA-F].*") : v < Double.MIN_NORMAL;
        if (overflow || underflow) return null;
        return negative ? -v : v;
    }
}
