package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawClient;
import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerProcess;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.resps.Slowlog;

/**
 * Differential tests of the introspection commands (INFO, CONFIG, SLOWLOG, LATENCY, CLIENT,
 * MONITOR, DEBUG SLEEP, TIME, LASTSAVE, ROLE): the same requests go to a real redis-server 7.0
 * and to the gateway, and what is deterministic must be identical. Tests that change
 * parameters put the defaults back.
 */
class IntrospectionMatchesRedisTest {
    private static RedisServerProcess redis;

    @RegisterExtension
    static final TestGateway gateway = new TestGateway();

    @BeforeAll
    static void start() {
        // save "" and appendonly yes: what Memstone always does, and all its CONFIG SET accepts for them.
        redis = RedisServerProcess.withOptions("--enable-debug-command", "yes", "--save", "", "--appendonly", "yes");
    }

    @AfterAll
    static void stop() {
        if (redis != null) redis.close();
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                "CONFIG SET maxmemory foo", "CONFIG SET maxmemory -1", "CONFIG SET maxmemory-policy lru",
                "CONFIG SET timeout -1", "CONFIG SET timeout abc", "CONFIG SET timeout 99999999999",
                "CONFIG SET slowlog-log-slower-than -2", "CONFIG SET slowlog-max-len -1",
                "CONFIG SET latency-monitor-threshold -1", "CONFIG SET nosuch 1", "CONFIG SET timeout 1 timeout 2",
                "CONFIG SET TIMEOUT 1 timeout 2 nosuch 3", "CONFIG SET timeout abc nosuch 3",
                "CONFIG SET maxmemory bad timeout -1", "CONFIG SET timeout", "CONFIG SET timeout 1 maxmemory",
                "CONFIG GET", "CONFIG GET nosuch", "CONFIG GET TIMEOUT", "CONFIG GET maxmemory-p*",
                "CONFIG GET slowlog-max-len SLOWLOG-MAX-LEN slowlog-max-l?n", "CONFIG FOO", "CONFIG RESETSTAT x",
                "CONFIG GET save", "CONFIG GET APPENDONLY", "CONFIG GET appendonl?", "CONFIG SET save \"\"",
                "CONFIG SET appendonly yes", "CONFIG SET appendonly YES timeout 0",
                "SLOWLOG GET abc", "SLOWLOG GET -2", "SLOWLOG GET 1 2", "SLOWLOG LEN x", "SLOWLOG RESET x",
                "SLOWLOG FOO", "SLOWLOG",
                "LATENCY HISTORY", "LATENCY HISTORY nosuch-event", "LATENCY LATEST x", "LATENCY FOO",
                "LATENCY RESET nosuch-event",
                "CLIENT KILL 1.2.3.4:5", "CLIENT KILL 1.2.3.4:5 x", "CLIENT KILL id", "CLIENT KILL id abc",
                "CLIENT KILL id 0", "CLIENT KILL id 99999", "CLIENT KILL id 5 id", "CLIENT KILL type foo",
                "CLIENT KILL id 99999 type replica", "CLIENT KILL id 99999 skipme maybe",
                "CLIENT KILL user nobody", "CLIENT KILL addr 1.2.3.4:5", "CLIENT KILL laddr 1.2.3.4:5",
                "CLIENT KILL foo bar", "CLIENT PAUSE", "CLIENT PAUSE abc", "CLIENT PAUSE -1", "CLIENT PAUSE 10 foo",
                "CLIENT PAUSE abc write", "CLIENT PAUSE 10 write x", "CLIENT UNPAUSE x", "CLIENT NO-EVICT",
                "CLIENT NO-EVICT maybe", "CLIENT LIST type foo", "CLIENT LIST type master", "CLIENT LIST id abc",
                "CLIENT LIST id 0", "CLIENT LIST id 1 x", "CLIENT LIST foo", "CLIENT LIST type", "CLIENT TRACKING",
                "DEBUG FOO", "DEBUG SLEEP", "DEBUG SLEEP 0 extra", "DEBUG SLEEP 0", "DEBUG SLEEP x", "DEBUG SLEEP -1",
                "TIME x", "LASTSAVE x", "ROLE x", "ROLE", "MONITOR x", "INFO nosuch")
                .map(r -> Arguments.of(r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void gatewayAnswersLikeRedis(String request) throws Exception {
        byte[] bytes = (request + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(RawClient.exchange(redis.port(), bytes), RawClient.exchange(gateway.port(), bytes),
                "the reply to " + request);
    }

    @Test
    void configSetValuesReadBackAsRedisShowsThem() {
        try {
            sameReplies(
                    List.of("CONFIG", "SET", "maxmemory", "1gb"), List.of("CONFIG", "GET", "maxmemory"),
                    List.of("CONFIG", "SET", "maxmemory", "5KB"), List.of("CONFIG", "GET", "MaxMemory"),
                    List.of("CONFIG", "SET", "maxmemory", "99999999999999999999"), List.of("CONFIG", "GET", "maxmemory"),
                    List.of("CONFIG", "SET", "maxmemory", ""), List.of("CONFIG", "GET", "maxmemory"),
                    List.of("CONFIG", "SET", "maxmemory-policy", "ALLKEYS-LRU", "timeout", "7"),
                    List.of("CONFIG", "GET", "maxmemory-policy"), List.of("CONFIG", "GET", "timeout"),
                    List.of("CONFIG", "SET", "slowlog-log-slower-than", "-1", "slowlog-max-len", "5"),
                    List.of("CONFIG", "GET", "*slower*"), List.of("CONFIG", "GET", "slowlog-max-len"),
                    List.of("CONFIG", "SET", "latency-monitor-threshold", "20"),
                    List.of("CONFIG", "GET", "latency-monitor-threshold"));
            for (int port : new int[] {redis.port(), gateway.port()}) {
                try (Jedis j = jedis(port)) {
                    assertEquals("allkeys-lru", infoField(j.info("memory"), "maxmemory_policy"), "INFO memory on port " + port);
                }
            }
        } finally {
            restoreDefaults();
        }
    }

    /** Over maxmemory, commands that may grow the data are refused; reads and deletes go on. */
    @Test
    void overMaxmemoryRefusesWhatRedisRefuses() {
        try {
            sameReplies(
                    List.of("SET", "oom:k", "v"), List.of("RPUSH", "oom:l", "a"),
                    List.of("CONFIG", "SET", "maxmemory", "1"),
                    List.of("SET", "oom:k", "w"), List.of("APPEND", "oom:k", "x"), List.of("SADD", "oom:s", "a"),
                    List.of("MSET", "{oom}a", "1", "{oom}b", "2"), List.of("GET", "oom:k"), List.of("STRLEN", "oom:k"),
                    List.of("LPOP", "oom:l"), List.of("EXPIRE", "oom:k", "100"), List.of("INCR", "oom:n"),
                    List.of("MSET", "{oom}a", "1", "{oom}b"), List.of("DEL", "oom:k"), List.of("EXISTS", "oom:k"),
                    List.of("CONFIG", "SET", "maxmemory", "0"),
                    List.of("SET", "oom:k", "w"), List.of("GET", "oom:k"), List.of("DEL", "oom:k"), List.of("DEL", "oom:l"));
        } finally {
            restoreDefaults();
        }
    }

    @Test
    void commandAndErrorStatsCountLikeRedis() {
        List<List<String>> commands = List.of(
                List.of("CONFIG", "RESETSTAT"), List.of("SET", "stats:k", "1"), List.of("GET", "stats:k"),
                List.of("INCR", "stats:k"), List.of("LPUSH", "stats:k", "x"), List.of("GET"),
                List.of("NOSUCH", "a"), List.of("CLIENT", "SETNAME", "a", "b"), List.of("HSET", "stats:h", "f"),
                List.of("CONFIG", "SET", "timeout", "x"), List.of("CLIENT", "NOSUCH"), List.of("PING"),
                List.of("ECHO", "hi"), List.of("INCR", "stats:k"), List.of("DEL", "stats:k"));
        Map<String, String> expected = null;
        for (int port : new int[] {redis.port(), gateway.port()}) {
            Map<String, String> seen = new TreeMap<>();
            try (RawRespClient c = RawRespClient.connect("127.0.0.1", port)) {
                for (List<String> cmd : commands) c.callString(cmd.toArray(String[]::new));
                String info = bulk(c.callString("INFO", "commandstats"));
                for (Matcher m = Pattern.compile("cmdstat_(\\S+):calls=(\\d+),usec=\\d+,usec_per_call=[\\d.]+,(\\S+)").matcher(info); m.find(); ) {
                    seen.put("cmdstat " + m.group(1), "calls=" + m.group(2) + "," + m.group(3));
                }
                seen.put("errorstats", bulk(c.callString("INFO", "errorstats")));
                String stats = bulk(c.callString("INFO", "stats"));
                seen.put("total_error_replies", infoField(stats, "total_error_replies"));
                seen.put("total_commands_processed", infoField(stats, "total_commands_processed"));
            }
            assertEquals("calls=1,rejected_calls=1,failed_calls=0", seen.get("cmdstat get"), "GET once, once refused; port " + port);
            assertEquals("calls=1,rejected_calls=0,failed_calls=1", seen.get("cmdstat lpush"), "LPUSH on a string; port " + port);
            assertTrue(seen.get("errorstats").contains("errorstat_WRONGTYPE:count=1"), "errorstats on port " + port);
            if (expected == null) expected = seen;
            else assertEquals(expected, seen, "statistics after the same commands (redis-server first)");
        }
    }

    @Test
    void slowLogRecordsWhatRedisRecords() {
        String[] members = new String[42];
        members[0] = "SADD";
        members[1] = "slow:set";
        for (int i = 2; i < members.length; i++) members[i] = "member" + i;
        List<List<String>> commands = List.of(
                List.of("CONFIG", "SET", "slowlog-log-slower-than", "0"), List.of("SLOWLOG", "RESET"),
                List.of("CLIENT", "SETNAME", "slow-client"), List.of("SET", "slow:k", "v"), List.of(members),
                List.of("GET", "k".repeat(300)), List.of("AUTH", "secret"), List.of("HELLO", "2", "AUTH", "default", "pw"),
                List.of("GET"), List.of("SLOWLOG", "LEN"));
        try {
            List<String> expected = null;
            for (int port : new int[] {redis.port(), gateway.port()}) {
                List<Slowlog> entries;
                try (RawRespClient c = RawRespClient.connect("127.0.0.1", port); Jedis j = jedis(port)) {
                    for (List<String> cmd : commands) c.callString(cmd.toArray(String[]::new));
                    entries = j.slowlogGet(-1);
                }
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < entries.size(); i++) {
                    Slowlog e = entries.get(i);
                    seen.add(e.getClientName() + " " + e.getArgs());
                    if (i > 0) assertEquals(entries.get(i - 1).getId() - 1, e.getId(), "ids count down, newest first");
                    assertTrue(e.getExecutionTime() >= 0 && e.getTimeStamp() > 0, "time and duration of " + e);
                }
                assertEquals(commands.size() - 2, seen.size(), "all but CONFIG SET (before the reset) and the refused GET: " + seen);
                if (expected == null) expected = seen;
                else assertEquals(expected, seen, "slow log entries (redis-server first)");
            }
        } finally {
            restoreDefaults();
        }
    }

    @Test
    void latencyMonitorRecordsASlowCommandLikeRedis() {
        try {
            for (int port : new int[] {redis.port(), gateway.port()}) {
                try (Jedis j = jedis(port)) {
                    j.configSet("latency-monitor-threshold", "10");
                    j.sendCommand(Protocol.Command.LATENCY, "RESET");
                    assertEquals("OK", string(j.sendCommand(() -> bytes("DEBUG"), "SLEEP", "0.03")));
                    List<?> latest = (List<?>) j.sendCommand(Protocol.Command.LATENCY, "LATEST");
                    List<?> command = latest.stream().map(e -> (List<?>) e)
                            .filter(e -> string(e.get(0)).equals("command")).findFirst().orElseThrow(
                                    () -> new AssertionError("no 'command' event on port " + port + ": " + latest));
                    assertEquals(4, command.size(), "event, time, latest, max");
                    assertTrue((Long) command.get(2) >= 30 && (Long) command.get(3) >= 30, "a 30 ms sleep: " + command);
                    List<?> history = (List<?>) j.sendCommand(Protocol.Command.LATENCY, "HISTORY", "command");
                    assertTrue(!history.isEmpty() && ((List<?>) history.get(0)).size() == 2, "history " + history);
                }
            }
        } finally {
            restoreDefaults();
        }
    }

    @Test
    void monitorShowsTheCommandsRedisShowsAsRedisWritesThem() {
        List<List<byte[]>> commands = List.of(
                args("SET", "mon a", "x\"y\\z"), List.of(bytes("SET"), bytes("mon:bin"), new byte[] {'\n', 1, (byte) 0xfe}),
                args("GET", "mon a"), args("CONFIG", "SET", "timeout", "0"), args("AUTH", "secret"), args("NOSUCH"),
                args("GET"), args("LPUSH", "mon a", "x"), args("HELLO", "2", "AUTH", "default", "pw"),
                args("CLIENT", "SETNAME", "watched"), args("ECHO", "monitor-end"));
        List<String> expected = null;
        for (int port : new int[] {redis.port(), gateway.port()}) {
            List<String> lines = new ArrayList<>();
            try (RawRespClient monitor = RawRespClient.connect("127.0.0.1", port);
                 RawRespClient client = RawRespClient.connect("127.0.0.1", port)) {
                assertEquals("+OK\r\n", monitor.callString("MONITOR"));
                for (List<byte[]> cmd : commands) client.call(cmd.toArray(byte[][]::new));
                String line;
                do {
                    line = new String(monitor.read(), StandardCharsets.ISO_8859_1);
                    lines.add(line.replaceFirst("^\\+\\d+\\.\\d{6} \\[0 127\\.0\\.0\\.1:\\d+\\]", "+TIME [0 ADDR]"));
                } while (!line.contains("monitor-end"));
            }
            if (expected == null) expected = lines;
            else assertEquals(expected, lines, "MONITOR output (redis-server first)");
        }
    }

    @Test
    void infoHasRedisSectionsInRedisOrderAndEveryRedisField() {
        try (Jedis r = jedis(redis.port()); Jedis g = jedis(gateway.port())) {
            for (String[] sections : new String[][] {{}, {"all"}, {"everything"}, {"default"}, {"server", "clients"},
                    {"commandstats", "SERVER"}, {"cluster"}}) {
                assertEquals(headers(r.info(String.join(" ", sections)), false),
                        headers(g.info(String.join(" ", sections)), true), "section headers of INFO " + List.of(sections));
            }
            for (String section : List.of("server", "clients", "memory", "persistence", "stats", "replication", "cpu")) {
                List<String> ours = fieldNames(g.info(section));
                List<String> missing = new ArrayList<>(fieldNames(r.info(section)));
                missing.removeAll(ours);
                assertEquals(List.of(), missing, "fields of INFO " + section + " that redis-server has and the gateway lacks");
            }
            assertEquals("1", infoField(g.info("cluster"), "cluster_enabled"));
        }
    }

    @Test
    void clientKillClosesTheConnectionsItNamesLikeRedis() {
        for (int port : new int[] {redis.port(), gateway.port()}) {
            try (RawRespClient victim = RawRespClient.connect("127.0.0.1", port);
                 RawRespClient killer = RawRespClient.connect("127.0.0.1", port)) {
                String victimId = victim.callString("CLIENT", "ID").replaceAll("\\D", "");
                assertEquals("+OK\r\n", victim.callString("CLIENT", "NO-EVICT", "on"));
                assertTrue(bulk(victim.callString("CLIENT", "INFO")).contains(" flags=e "), "no-evict flag on port " + port);
                assertTrue(bulk(killer.callString("CLIENT", "LIST", "ID", victimId, "99999")).startsWith("id=" + victimId + " "),
                        "CLIENT LIST ID on port " + port);
                assertEquals(":1\r\n", killer.callString("CLIENT", "KILL", "ID", victimId, "TYPE", "normal"), "port " + port);
                // Closed on its own event loop: a PING sent at once may still be read before the close.
                org.awaitility.Awaitility.await("the killed connection to close on port " + port)
                        .atMost(java.time.Duration.ofSeconds(10)).until(victim::closedByServer);
                assertEquals(":0\r\n", killer.callString("CLIENT", "KILL", "ID", victimId), "port " + port);
                String killerId = killer.callString("CLIENT", "ID").replaceAll("\\D", "");
                assertEquals(":1\r\n", killer.callString("CLIENT", "KILL", "ID", killerId, "SKIPME", "no"),
                        "a client may kill itself with SKIPME no; port " + port);
                assertThrows(UncheckedIOException.class, () -> killer.callString("PING"), "and is closed after the reply");
            }
        }
    }

    @Test
    void saveAndAppendonlyTakeNoOtherValueAndSayWhy() {
        try (RawRespClient g = RawRespClient.connect("127.0.0.1", gateway.port())) {
            assertEquals("-ERR CONFIG SET failed (possibly related to argument 'save') - Memstone only takes \"\": there are"
                            + " no save points: every write is in the Raft log before it is acknowledged, and snapshots follow the log\r\n",
                    g.callString("CONFIG", "SET", "save", "900 1"));
            assertTrue(g.callString("CONFIG", "SET", "timeout", "5", "appendonly", "no")
                    .startsWith("-ERR CONFIG SET failed (possibly related to argument 'appendonly') - Memstone only takes yes"));
            assertEquals("*2\r\n$7\r\ntimeout\r\n$1\r\n0\r\n", g.callString("CONFIG", "GET", "timeout"),
                    "a refused CONFIG SET changes nothing");
        }
    }

    @SafeVarargs
    private static void sameReplies(List<String>... commands) {
        SameReplies.assertSameReplies(redis.port(), gateway.port(), List.of(commands));
    }

    private static void restoreDefaults() {
        for (int port : new int[] {redis.port(), gateway.port()}) {
            try (RawRespClient c = RawRespClient.connect("127.0.0.1", port)) {
                List<String> set = new ArrayList<>(List.of("CONFIG", "SET"));
                ParameterTable.defaults().forEach((name, value) -> {
                    if (name.equals(ParameterTable.CLOSE_ON_REPLICA_WRITE)) return; // redis-server has none
                    set.add(name);
                    set.add(value);
                });
                assertEquals("+OK\r\n", c.callString(set.toArray(String[]::new)));
                c.callString("SLOWLOG", "RESET");
                c.callString("LATENCY", "RESET");
            }
        }
    }

    private static Jedis jedis(int port) {
        return new Jedis(new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder().clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build());
    }

    /** Section titles in order; the gateway's own # Raft section is left out. */
    private static List<String> headers(String info, boolean gateway) {
        List<String> out = new ArrayList<>();
        for (String line : info.split("\r\n")) {
            if (line.startsWith("# ") && !(gateway && line.equals("# Raft"))) out.add(line);
        }
        return out;
    }

    private static List<String> fieldNames(String info) {
        List<String> out = new ArrayList<>();
        for (String line : info.split("\r\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) out.add(line.substring(0, line.indexOf(':')));
        }
        return out;
    }

    private static String infoField(String info, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + ":([^\r\n]*)").matcher(info);
        return m.find() ? m.group(1) : null;
    }

    /** The text of a RESP2 bulk string reply. */
    private static String bulk(String reply) {
        return reply.substring(reply.indexOf("\r\n") + 2, reply.length() - 2);
    }

    private static String string(Object jedisReply) {
        return jedisReply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(jedisReply);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> args(String... words) {
        List<byte[]> out = new ArrayList<>();
        for (String w : words) out.add(bytes(w));
        return out;
    }
}
