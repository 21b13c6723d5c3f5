package io.memstone.gateway;

/**
 * A line MONITOR clients receive for a command, as redis-server 7.0 writes it:
 * {@code 1339518083.107412 [0 127.0.0.1:60866] "set" "k" "v"}, every argument quoted and escaped
 * like Redis' sdscatrepr, so the line is printable ASCII.
 */
final class MonitorLine {
    private MonitorLine() {}

    static String format(long epochMicros, String addr, byte[][] argv) {
        StringBuilder out = new StringBuilder(32 + argv.length * 8);
        out.append(epochMicros / 1_000_000).append('.');
        String micros = Long.toString(epochMicros % 1_000_000);
        out.append("0".repeat(6 - micros.length())).append(micros);
        out.append(" [0 ").append(addr).append(']');
        for (byte[] arg : argv) {
            out.append(' ');
            repr(out, arg);
        }
        return out.toString();
    }

    /** Redis' sdscatrepr: a double-quoted string with C escapes and \xHH for other unprintable bytes. */
    static void repr(StringBuilder out, byte[] s) {
        out.append('"');
        for (byte b : s) {
            int c = b & 0xff;
            switch (c) {
                case '\\', '"' -> out.append('\\').append((char) c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c >= 0x20 && c <= 0x7e) {
                        out.append((char) c);
                    } else {
                        out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    }
                }
            }
        }
        out.append('"');
    }
}
