package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.fail;

import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerProcess;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension ({@code @RegisterExtension static final Differential diff = new
 * Differential();}) that starts redis-server before the class's tests and stops it after. It
 * sends the same commands to redis-server and to an engine and asserts byte-identical RESP2
 * replies. Replies whose exact value legitimately differs are normalized first: arrays whose
 * order Redis leaves unspecified (KEYS, SMEMBERS, HGETALL's field-value pairs, ...) are
 * sorted, and so are SCAN's keys; TTL, PTTL, EXPIRETIME and PEXPIRETIME allow the clock drift
 * between the two calls.
 */
final class Differential implements BeforeAllCallback, AfterAllCallback {
    private static final long TTL_TOLERANCE_S = 1;
    private static final long PTTL_TOLERANCE_MS = 1000;
    /** Commands whose array reply is a set: compared in sorted order. */
    private static final Set<String> UNORDERED = Set.of("keys", "hkeys", "hvals", "smembers", "sinter", "sunion",
            "sdiff", "spop", "srandmember");
    /** Commands whose array reply is a set of (field, value) pairs. */
    private static final Set<String> UNORDERED_PAIRS = Set.of("hgetall");
    /** Commands replying [cursor, elements]: the cursor must match, the elements as a set. */
    private static final Set<String> UNORDERED_SCANS = Set.of("scan");
    /** Expiry readings in seconds and in ms: equal up to the clock drift between the two calls. */
    private static final Set<String> SECONDS = Set.of("ttl", "expiretime");
    private static final Set<String> MILLISECONDS = Set.of("pttl", "pexpiretime");

    private RedisServerProcess server;
    private RawRespClient redis;
    private EngineRunner engine = new EngineRunner();
    private final List<String> history = new ArrayList<>();

    /** Empties both sides. */
    void reset() {
        redis.callString("FLUSHALL");
        engine = new EngineRunner();
        history.clear();
    }

    /** The engine's value at key (null if absent), to check what replies cannot show. */
    RedisValue engineValue(String key) {
        return engine.engine().keyspace().get(new Key(key.getBytes(StandardCharsets.UTF_8)), System.currentTimeMillis());
    }

    /** Runs one command line (see {@link #tokenize}) on both and compares the replies. */
    void check(String line) {
        check(tokenize(line));
    }

    void check(byte[]... argv) {
        check(false, argv);
    }

    /**
     * Like {@link #check(byte[]...)}, but the engine runs the command through the log even if
     * it is read-only (as inside MULTI), so a read that Redis lets write (PFCOUNT's cache) writes.
     */
    void checkAsWrite(String line) {
        check(true, tokenize(line));
    }

    private void check(boolean asWrite, byte[][] argv) {
        String shown = show(argv);
        history.add(shown);
        byte[] expected = redis.call(argv);
        byte[] actual = asWrite ? engine.callAsWrite(argv) : engine.call(argv);
        if (!same(CommandContext.lowerName(argv[0]), expected, actual)) {
            fail("command: " + shown + "\nexpected (redis-server): " + printable(expected)
                    + "\nactual (memstone):       " + printable(actual)
                    + "\nafter: " + String.join(" ; ", history.subList(Math.max(0, history.size() - 12), history.size())));
        }
    }

    /** A command run on redis-server alone, for what only it can give (its DUMP payloads). */
    byte[] redisOnly(byte[]... argv) {
        return redis.call(argv);
    }

    /** Replaces key with a one-element list on both sides (for WRONGTYPE cases). */
    void listAt(String key) {
        check(RawRespClient.toBytes("DEL", key));
        check(RawRespClient.toBytes("RPUSH", key, "element"));
    }

    private static boolean same(String command, byte[] expected, byte[] actual) {
        if (expected[0] == '*' && actual[0] == '*' && expected[1] != '-' && actual[1] != '-') {
            if (UNORDERED.contains(command)) return sorted(expected, 1).equals(sorted(actual, 1));
            if (UNORDERED_PAIRS.contains(command)) return sorted(expected, 2).equals(sorted(actual, 2));
            if (UNORDERED_SCANS.contains(command)) {
                List<byte[]> e = RawRespClient.arrayElements(expected);
                List<byte[]> a = RawRespClient.arrayElements(actual);
                return java.util.Arrays.equals(e.get(0), a.get(0)) && sorted(e.get(1), 1).equals(sorted(a.get(1), 1));
            }
        }
        boolean seconds = SECONDS.contains(command);
        if ((seconds || MILLISECONDS.contains(command)) && expected[0] == ':' && actual[0] == ':') {
            long e = Long.parseLong(new String(expected, 1, expected.length - 3, StandardCharsets.US_ASCII));
            long a = Long.parseLong(new String(actual, 1, actual.length - 3, StandardCharsets.US_ASCII));
            long tolerance = seconds ? TTL_TOLERANCE_S : PTTL_TOLERANCE_MS;
            return e == a || (e >= 0 && a >= 0 && Math.abs(e - a) <= tolerance);
        }
        return java.util.Arrays.equals(expected, actual);
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
        items.sort(Comparator.naturalOrder());
        return items;
    }

    /**
     * Splits a command line on spaces; a token in double quotes may hold spaces and the
     * escapes \0 \r \n \" \\ ({@code ""} is the empty string).
     */
    static byte[][] tokenize(String line) {
        List<byte[]> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) == ' ') {
                i++;
                continue;
            }
            ByteArrayOutputStream t = new ByteArrayOutputStream();
            if (line.charAt(i) == '"') {
                for (i++; line.charAt(i) != '"'; i++) {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        c = line.charAt(++i);
                        c = c == '0' ? '\0' : c == 'r' ? '\r' : c == 'n' ? '\n' : c;
                    }
                    t.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
                i++;
            } else {
                int end = line.indexOf(' ', i);
                if (end < 0) end = line.length();
                t.writeBytes(line.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
            tokens.add(t.toByteArray());
        }
        return tokens.toArray(new byte[0][]);
    }

    private static String show(byte[][] argv) {
        StringBuilder b = new StringBuilder();
        for (byte[] a : argv) b.append(b.length() == 0 ? "" : " ").append('"').append(printable(a)).append('"');
        return b.toString();
    }

    static String printable(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            if (x == '\r') b.append("\\r");
            else if (x == '\n') b.append("\\n");
            else if (x >= 32 && x < 127) b.append((char) x);
            else b.append(String.format("\\x%02x", x & 0xff));
        }
        return b.toString();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServerProcess.start();
        redis = server.connect();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (redis != null) redis.close();
        if (server != null) server.close();
    }
}
