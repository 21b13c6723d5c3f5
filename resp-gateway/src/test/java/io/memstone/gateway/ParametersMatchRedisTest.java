package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests of the parameter group against a real redis-server 7.0: every parameter's
 * (and alias') CONFIG SET over edge and invalid values and CONFIG GET after, and OBJECT
 * ENCODING / DUMP under changed encoding thresholds. The gateway runs over three engines, so a
 * threshold change must reach each of them.
 */
class ParametersMatchRedisTest {
    /** Values around every kind of range and check the parameters have. */
    private static final List<String> VALUES = List.of("-1", "0", "1", "abc", "", "1k", "1kb", "2mb", "1048575",
            "1048576", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
            "9223372036854775808", "99999999999999999999", "11", "500", "501", "yes", "No", "maybe",
            "KEA", "Kx$", "gZ", "nd", "50 99.9", "101", " 50", "1e2 0.5", "-0 33.333333333");

    private static RedisServerProcess redis;

    @RegisterExtension
    static final TestGateway gateway = new TestGateway(3);

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.withOptions("--save", "", "--appendonly", "yes");
    }

    @AfterAll
    static void stop() {
        if (redis != null) redis.close();
    }

    /** Every name CONFIG SET takes, aliases included, but MemoryDB's own (redis-server has none of it). */
    static Stream<String> settableNames() {
        return ParameterTable.allNames().stream()
                .filter(n -> !ParameterTable.isFixed(ParameterTable.lookup(n)))
                .filter(n -> !n.equals(ParameterTable.CLOSE_ON_REPLICA_WRITE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settableNames")
    void configSetTakesAndRefusesWhatRedisDoes(String name) {
        String defaultValue = ParameterTable.defaults().get(ParameterTable.lookup(name));
        try (RawRespClient r = RawRespClient.connect("127.0.0.1", redis.port());
             RawRespClient g = RawRespClient.connect("127.0.0.1", gateway.port())) {
            for (String value : VALUES) {
                for (List<String> cmd : List.of(List.of("CONFIG", "SET", name, value), List.of("CONFIG", "GET", name))) {
                    String[] argv = cmd.toArray(String[]::new);
                    assertEquals(r.callString(argv), g.callString(argv), "the reply to " + cmd + " after setting '" + value + "'");
                }
                for (RawRespClient c : List.of(r, g)) {
                    assertEquals("+OK\r\n", c.callString("CONFIG", "SET", name, defaultValue), "back to the default");
                }
            }
        }
    }

    @Test
    void configGetStarListsOnlyWhatRedisHasWithItsDefaults() {
        Map<String, String> fromRedis = pairs(redis.port(), "*");
        Map<String, String> fromGateway = pairs(gateway.port(), "*");
        fromGateway.remove(ParameterTable.CLOSE_ON_REPLICA_WRITE);
        assertEquals(ParameterTable.allNames().size() - 1, fromGateway.size(), "every name and alias once");
        fromGateway.forEach((name, value) -> assertEquals(fromRedis.get(name), value, "CONFIG GET * shows " + name));
        assertEquals(Map.of("zset-max-ziplist-entries", "128", "list-max-ziplist-size", "-2",
                "hash-max-ziplist-entries", "512", "zset-max-ziplist-value", "64", "hash-max-ziplist-value", "64"),
                pairs(gateway.port(), "*ziplist*"), "aliases match globs");
    }

    @Test
    void encodingsFollowChangedThresholdsLikeRedis() {
        try {
            sameReplies(
                    List.of("CONFIG", "SET", "hash-max-listpack-entries", "2"),
                    List.of("HSET", "h1", "a", "1", "b", "2"), List.of("OBJECT", "ENCODING", "h1"),
                    List.of("HSET", "h1", "c", "3"), List.of("OBJECT", "ENCODING", "h1"),
                    List.of("CONFIG", "SET", "hash-max-ziplist-value", "3"),
                    List.of("HSET", "h2", "f", "abc"), List.of("OBJECT", "ENCODING", "h2"),
                    List.of("HSET", "h2", "g", "abcd"), List.of("OBJECT", "ENCODING", "h2"),
                    List.of("CONFIG", "SET", "set-max-intset-entries", "2"),
                    List.of("SADD", "s1", "1", "2"), List.of("OBJECT", "ENCODING", "s1"),
                    List.of("SADD", "s1", "3"), List.of("OBJECT", "ENCODING", "s1"),
                    List.of("SADD", "{s}a", "1", "2", "3"), List.of("SADD", "{s}b", "1"),
                    List.of("SUNIONSTORE", "{s}c", "{s}a", "{s}b"), List.of("OBJECT", "ENCODING", "{s}c"),
                    List.of("SINTERSTORE", "{s}d", "{s}a", "{s}b"), List.of("OBJECT", "ENCODING", "{s}d"),
                    List.of("CONFIG", "SET", "zset-max-listpack-entries", "2"),
                    List.of("ZADD", "z1", "1", "a", "2", "b"), List.of("OBJECT", "ENCODING", "z1"),
                    List.of("ZADD", "z1", "3", "c"), List.of("OBJECT", "ENCODING", "z1"),
                    List.of("ZADD", "{z}a", "1", "a", "2", "b", "3", "c"),
                    List.of("ZRANGESTORE", "{z}b", "{z}a", "0", "1"), List.of("OBJECT", "ENCODING", "{z}b"),
                    List.of("ZRANGESTORE", "{z}c", "{z}a", "0", "-1"), List.of("OBJECT", "ENCODING", "{z}c"),
                    List.of("ZUNIONSTORE", "{z}d", "1", "{z}b"), List.of("OBJECT", "ENCODING", "{z}d"),
                    List.of("CONFIG", "SET", "zset-max-ziplist-value", "3"),
                    List.of("ZADD", "z2", "1", "abcd"), List.of("OBJECT", "ENCODING", "z2"),
                    List.of("CONFIG", "SET", "zset-max-listpack-entries", "0"),
                    List.of("ZADD", "z3", "1", "a"), List.of("OBJECT", "ENCODING", "z3"),
                    List.of("CONFIG", "SET", "hash-max-listpack-entries", "512", "hash-max-listpack-value", "1k"),
                    List.of("HSET", "h3", "a", "x".repeat(900)), List.of("OBJECT", "ENCODING", "h3"));
            // A stream's nodes close at stream-node-max-entries/-bytes: its DUMP shows where.
            sameReplies(List.of("CONFIG", "SET", "stream-node-max-entries", "2"));
            for (int i = 1; i <= 5; i++) sameReplies(List.of("XADD", "x1", i + "-1", "f", "v" + i));
            sameReplies(List.of("CONFIG", "SET", "stream-node-max-entries", "0", "stream-node-max-bytes", "40"));
            // Values LZF finds nothing to compress in: where it does, Memstone's DUMP compresses other bytes than Redis'.
            for (int i = 1; i <= 5; i++) sameReplies(List.of("XADD", "x2", i + "-1", "f", Long.toString(i * 7919L + 1_000_003L, 36)));
            sameReplies(List.of("DUMP", "x1"), List.of("DUMP", "x2"), List.of("XLEN", "x2"));
        } finally {
            for (int port : new int[] {redis.port(), gateway.port()}) {
                try (RawRespClient c = RawRespClient.connect("127.0.0.1", port)) {
                    for (String name : io.memstone.engine.EncodingLimits.NAMES) {
                        assertEquals("+OK\r\n", c.callString("CONFIG", "SET", name, ParameterTable.defaults().get(name)));
                    }
                    c.callString("FLUSHALL");
                }
            }
        }
    }

    /** RESTORE builds a value as Redis loads it: in the encoding the thresholds in force give. */
    @Test
    void restoreTakesTheThresholdsInForce() {
        byte[] payload;
        try (RawRespClient r = RawRespClient.connect("127.0.0.1", redis.port())) {
            r.callString("HSET", "dumped", "a", "1", "b", "2", "c", "3");
            byte[] reply = r.call(RawRespClient.toBytes("DUMP", "dumped"));
            String header = new String(reply, 0, indexOfCrlf(reply), java.nio.charset.StandardCharsets.ISO_8859_1);
            payload = java.util.Arrays.copyOfRange(reply, header.length() + 2, header.length() + 2 + Integer.parseInt(header.substring(1)));
            r.callString("DEL", "dumped");
        }
        try {
            sameReplies(List.of("CONFIG", "SET", "hash-max-listpack-entries", "2"));
            for (int port : new int[] {redis.port(), gateway.port()}) {
                try (RawRespClient c = RawRespClient.connect("127.0.0.1", port)) {
                    assertEquals("+OK\r\n", new String(c.call("RESTORE".getBytes(), "restored".getBytes(), "0".getBytes(), payload),
                            java.nio.charset.StandardCharsets.ISO_8859_1), "RESTORE on " + port);
                }
            }
            sameReplies(List.of("OBJECT", "ENCODING", "restored"), List.of("HLEN", "restored"));
        } finally {
            sameReplies(List.of("CONFIG", "SET", "hash-max-listpack-entries", "512"), List.of("DEL", "restored"));
        }
    }

    private static int indexOfCrlf(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') return i;
        }
        return -1;
    }

    /** proto-max-bulk-len, acllog-max-len and latency-tracking-info-percentiles do in the gateway what they do in Redis. */
    @Test
    void limitsAndPercentilesTakeEffectLikeRedis() throws Exception {
        try {
            sameReplies(List.of("CONFIG", "SET", "proto-max-bulk-len", "1mb", "acllog-max-len", "1",
                    "latency-tracking-info-percentiles", "50 99.99"));
            byte[] tooLong = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1048577\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals(io.memstone.testing.RawClient.exchange(redis.port(), tooLong),
                    io.memstone.testing.RawClient.exchange(gateway.port(), tooLong), "a bulk over proto-max-bulk-len");
            sameReplies(List.of("ACL", "LOG", "RESET"), List.of("AUTH", "nosuch1", "x"), List.of("AUTH", "nosuch2", "y"),
                    List.of("PING"));
            for (int port : new int[] {redis.port(), gateway.port()}) {
                try (RawRespClient c = RawRespClient.connect("127.0.0.1", port)) {
                    assertTrue(c.callString("ACL", "LOG").startsWith("*1\r\n"), "one ACL LOG entry kept on " + port);
                    String info = c.callString("INFO", "latencystats");
                    assertTrue(info.matches("(?s).*latency_percentiles_usec_ping:p50=[0-9.]+,p99.99=[0-9.]+\r\n.*"),
                            "PING's percentiles as configured on " + port + ": " + info);
                }
            }
        } finally {
            sameReplies(List.of("CONFIG", "SET", "proto-max-bulk-len", "512mb", "acllog-max-len", "128",
                    "latency-tracking-info-percentiles", "50 99 99.9"), List.of("ACL", "LOG", "RESET"));
        }
    }

    /** A connection whose unparsed request passes client-query-buffer-limit is closed, with no reply. */
    @Test
    void aQueryBufferOverItsLimitClosesTheConnection() {
        try {
            sameReplies(List.of("CONFIG", "SET", "client-query-buffer-limit", "1mb"));
            byte[] header = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3000000\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] request = java.util.Arrays.copyOf(header, header.length + 2_000_000);
            java.util.Arrays.fill(request, header.length, request.length, (byte) 'x');
            for (int port : new int[] {redis.port(), gateway.port()}) {
                try (RawRespClient c = RawRespClient.connect("127.0.0.1", port)) {
                    java.io.UncheckedIOException closed = org.junit.jupiter.api.Assertions.assertThrows(
                            java.io.UncheckedIOException.class, () -> c.sendRaw(request), "closed without a reply on " + port);
                    assertTrue(!(closed.getCause() instanceof java.net.SocketTimeoutException), "closed, not left waiting, on " + port);
                }
            }
        } finally {
            sameReplies(List.of("CONFIG", "SET", "client-query-buffer-limit", "1gb"));
        }
    }

    @Test
    void configRewriteIsDisabledAndActivedefragSaysWhy() {
        try (RawRespClient g = RawRespClient.connect("127.0.0.1", gateway.port())) {
            assertEquals("-ERR CONFIG REWRITE is not supported by Memstone (disabled, as in MemoryDB): parameters live in"
                    + " the cluster's replicated parameter group, not in a config file\r\n", g.callString("CONFIG", "REWRITE"));
            assertTrue(g.callString("CONFIG", "SET", "activedefrag", "yes").startsWith(
                    "-ERR CONFIG SET failed (possibly related to argument 'activedefrag') - Memstone only takes no:"));
            assertEquals("+OK\r\n", g.callString("CONFIG", "SET", "close-on-replica-write", "NO"));
            assertEquals("*2\r\n$22\r\nclose-on-replica-write\r\n$2\r\nno\r\n", g.callString("CONFIG", "GET", "close-on-replica-write"));
            assertEquals("+OK\r\n", g.callString("CONFIG", "SET", "close-on-replica-write", "yes"));
        }
    }

    @SafeVarargs
    private static void sameReplies(List<String>... commands) {
        SameReplies.assertSameReplies(redis.port(), gateway.port(), List.of(commands));
    }

    /** CONFIG GET's reply as name -> value (the order of a glob's matches is Redis' dict order). */
    private static Map<String, String> pairs(int port, String pattern) {
        try (RawRespClient c = RawRespClient.connect("127.0.0.1", port)) {
            String[] lines = c.callString("CONFIG", "GET", pattern).split("\r\n", -1);
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 2; i + 2 < lines.length; i += 4) out.put(lines[i], lines[i + 2]);
            return out;
        }
    }
}
