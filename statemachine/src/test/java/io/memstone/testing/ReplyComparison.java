package io.memstone.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When two RESP2 replies to the same command count as equal in a differential run against
 * redis-server: byte-identical, except where the exact value legitimately differs. Arrays
 * whose order Redis leaves unspecified (KEYS, SMEMBERS, HGETALL's field-value pairs, ...) are
 * compared sorted, and so are SCAN's keys and SSCAN's members; TTL, PTTL, EXPIRETIME and PEXPIRETIME allow the
 * clock drift between the two calls.
 */
public final class ReplyComparison {
    private static final long TTL_TOLERANCE_S = 1;
    private static final long PTTL_TOLERANCE_MS = 1000;
    /** Commands whose array reply is a set: compared in sorted order. */
    private static final Set<String> UNORDERED = Set.of("keys", "hkeys", "hvals", "smembers", "sinter", "sunion",
            "sdiff", "spop", "srandmember");
    /** Commands whose array reply is a set of (field, value) pairs. */
    private static final Set<String> UNORDERED_PAIRS = Set.of("hgetall");
    /**
     * Commands replying [cursor, elements]: the cursor must match, the elements as a set (a
     * hashtable set's order follows redis-server's random hash seed).
     */
    private static final Set<String> UNORDERED_SCANS = Set.of("scan", "sscan");
    /** Expiry readings in seconds and in ms: equal up to the clock drift between the two calls. */
    private static final Set<String> SECONDS = Set.of("ttl", "expiretime");
    private static final Set<String> MILLISECONDS = Set.of("pttl", "pexpiretime");

    private ReplyComparison() {}

    /** Whether the command's replies compare byte for byte (not as sets, nor within a clock's drift). */
    public static boolean exact(String command) {
        return !UNORDERED.contains(command) && !UNORDERED_PAIRS.contains(command) && !UNORDERED_SCANS.contains(command)
                && !SECONDS.contains(command) && !MILLISECONDS.contains(command);
    }

    /** Whether {@code actual} answers the command {@code argv} as {@code expected} (redis-server's) does. */
    public static boolean same(byte[][] argv, byte[] expected, byte[] actual) {
        String command = new String(argv[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        if (expected[0] == '*' && actual[0] == '*' && expected[1] != '-' && actual[1] != '-') {
            if (UNORDERED.contains(command)) return sorted(expected, 1).equals(sorted(actual, 1));
            if (UNORDERED_PAIRS.contains(command)) return sorted(expected, 2).equals(sorted(actual, 2));
            if (UNORDERED_SCANS.contains(command)) {
                List<byte[]> e = RawRespClient.arrayElements(expected);
                List<byte[]> a = RawRespClient.arrayElements(actual);
                return Arrays.equals(e.get(0), a.get(0)) && sorted(e.get(1), 1).equals(sorted(a.get(1), 1));
            }
        }
        boolean seconds = SECONDS.contains(command);
        if ((seconds || MILLISECONDS.contains(command)) && expected[0] == ':' && actual[0] == ':') {
            long e = integer(expected);
            long a = integer(actual);
            long tolerance = seconds ? TTL_TOLERANCE_S : PTTL_TOLERANCE_MS;
            return e == a || (e >= 0 && a >= 0 && Math.abs(e - a) <= tolerance);
        }
        return Arrays.equals(expected, actual);
    }

    /** A command as a line of quoted, {@link #printable} arguments. */
    public static String show(byte[][] argv) {
        StringBuilder b = new StringBuilder();
        for (byte[] a : argv) b.append(b.length() == 0 ? "" : " ").append('"').append(printable(a)).append('"');
        return b.toString();
    }

    /** Bytes as ASCII, with CR, LF and other non-printables escaped. */
    public static String printable(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            if (x == '\r') b.append("\\r");
            else if (x == '\n') b.append("\\n");
            else if (x >= 32 && x < 127) b.append((char) x);
            else b.append(String.format("\\x%02x", x & 0xff));
        }
        return b.toString();
    }

    private static long integer(byte[] reply) {
        return Long.parseLong(new String(reply, 1, reply.length - 3, StandardCharsets.US_ASCII));
    }

    /** The array's elements in groups of {@code group}, each group printed, sorted. */
    private static List<String> sorted(byte[] arrayReply, int group) {
        List<byte[]> elements = RawRespClient.arrayElements(arrayReply);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < elements.size(); i += group) {
            StringBuilder b = new StringBuilder();
            for (int j = i; j < Math.min(i + group, elements.size()); j++) b.append(printable(elements.get(j))).append('\0');
            items.add(b.toString());
        }
        items.sort(null);
        return items;
    }
}
