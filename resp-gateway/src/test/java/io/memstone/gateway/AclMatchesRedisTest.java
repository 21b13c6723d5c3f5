package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.acl.AclCategories;
import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerProcess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Differential tests of ACL: ACL's subcommands, AUTH and HELLO AUTH, NOAUTH and NOPERM on
 * commands, keys and channels (at top level, in MULTI, for EVAL's keys), the ACL LOG they
 * leave, and ACL CAT's categories, against a real redis-server 7.0. Every test leaves only the
 * default user, nopass, behind.
 */
class AclMatchesRedisTest {
    private static RedisServerProcess redis;

    @RegisterExtension
    static final TestGateway gateway = new TestGateway();

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stop() {
        if (redis != null) redis.close();
    }

    @AfterEach
    void onlyTheDefaultUserRemains() {
        for (int port : ports()) {
            try (RawRespClient c = RawRespClient.connect("127.0.0.1", port)) {
                c.callString("AUTH", "default", "pw");
                c.callString("ACL", "SETUSER", "default", "nopass", "on");
                c.callString("ACL", "DELUSER", "alice", "bob", "carol");
                c.callString("ACL", "LOG", "RESET");
            }
        }
    }

    private static int[] ports() {
        return new int[] {redis.port(), gateway.port()};
    }

    @Test
    void aclSubcommandsAnswerLikeRedis() {
        sameReplies(
                List.of("ACL", "SETUSER", "alice", "on", ">p1", ">p2", "~a*", "%R~b*", "%W~c*", "%RW~a*", "&ch*",
                        "+@read", "-@hash", "(~x*", "+@write)"),
                List.of("ACL", "GETUSER", "alice"), List.of("ACL", "LIST"), List.of("ACL", "USERS"),
                List.of("ACL", "SETUSER", "bob", "+@all", "-@dangerous", "allkeys", "allchannels"),
                List.of("ACL", "SETUSER", "carol", "reset", "+get", "nopass", "skip-sanitize-payload"),
                List.of("ACL", "LIST"), List.of("ACL", "GETUSER", "bob"), List.of("ACL", "GETUSER", "carol"),
                List.of("ACL", "SETUSER", "bob", "clearselectors", "resetkeys", "resetchannels", "<nosuch"),
                List.of("ACL", "SETUSER", "bob", "nocommands", "+config|get"), List.of("ACL", "GETUSER", "bob"),
                List.of("ACL", "SETUSER", "bob", "-@all", "+select|0"), List.of("ACL", "GETUSER", "bob"),
                List.of("ACL", "SETUSER", "bob", "allcommands", "-client|kill"), List.of("ACL", "GETUSER", "bob"),
                List.of("ACL", "SETUSER", "alice", "+config|get|x"), List.of("ACL", "SETUSER", "alice", "foo"),
                List.of("ACL", "SETUSER", "bob", "~*", "~a"), List.of("ACL", "SETUSER", "bob", "&*", "&a"),
                List.of("ACL", "SETUSER", "alice", "(~a"), List.of("ACL", "SETUSER", "alice", "!abc"),
                List.of("ACL", "SETUSER", "alice", "<nosuch"), List.of("ACL", "SETUSER", "a b"),
                List.of("ACL", "SETUSER", "alice", "+@nosuch"), List.of("ACL", "SETUSER", "alice", "-get|x"),
                List.of("ACL", "SETUSER", "alice", "+get|"), List.of("ACL", "SETUSER", "alice", "+nosuch"),
                List.of("ACL", "SETUSER", "alice", "%X~a"), List.of("ACL", "SETUSER", "alice", "(+get", "foo)"),
                List.of("ACL", "SETUSER", "alice", "#" + "a".repeat(64)), List.of("ACL", "GETUSER", "alice"),
                List.of("ACL", "GETUSER", "nosuch"), List.of("ACL", "DELUSER", "default"),
                List.of("ACL", "DELUSER", "alice", "default"), List.of("ACL", "DELUSER", "bob", "bob", "nosuch"),
                List.of("ACL", "USERS"), List.of("ACL", "WHOAMI"), List.of("ACL", "WHOAMI", "x"),
                List.of("ACL", "CAT"), List.of("ACL", "CAT", "nosuch"), List.of("ACL", "CAT", "a", "b"),
                List.of("ACL", "SETUSER", "alice", "on", "+get", "~k*", "&c"),
                List.of("ACL", "DRYRUN", "alice", "get", "k1"), List.of("ACL", "DRYRUN", "alice", "get", "x"),
                List.of("ACL", "DRYRUN", "alice", "set", "k1", "v"), List.of("ACL", "DRYRUN", "alice", "get"),
                List.of("ACL", "DRYRUN", "nosuch", "get", "k"), List.of("ACL", "DRYRUN", "alice", "nosuch"),
                List.of("ACL", "DRYRUN", "alice", "publish", "d", "m"), List.of("ACL", "DRYRUN", "alice", "auth", "x"),
                List.of("ACL", "DRYRUN"), List.of("ACL", "GENPASS", "0"), List.of("ACL", "GENPASS", "4097"),
                List.of("ACL", "GENPASS", "x"), List.of("ACL", "GENPASS", "1", "2"),
                List.of("ACL", "LOG", "x"), List.of("ACL", "LOG", "1", "2"), List.of("ACL", "LOG", "-1"),
                List.of("ACL", "HELP"), List.of("ACL", "LOAD"), List.of("ACL", "SAVE"), List.of("ACL", "NOSUCH"),
                List.of("ACL"));
        for (int port : ports()) {
            try (RawRespClient c = RawRespClient.connect("127.0.0.1", port)) {
                assertEquals("$64\r\n", head(c.callString("ACL", "GENPASS")), "GENPASS's default length on " + port);
                assertEquals("$3\r\n", head(c.callString("ACL", "GENPASS", "9")), "9 bits are 3 hex digits on " + port);
            }
        }
    }

    private static String head(String reply) {
        return reply.substring(0, reply.indexOf('\n') + 1);
    }

    @Test
    void authAndHelloAuthAnswerLikeRedis() {
        sameReplies(List.of("AUTH", "x"), List.of("AUTH", "default", "x"), List.of("AUTH", "a", "b", "c"),
                List.of("ACL", "SETUSER", "alice", ">secret"),
                List.of("AUTH", "alice", "secret"), List.of("HELLO", "2", "AUTH", "alice", "secret"),
                List.of("ACL", "SETUSER", "alice", "on"), List.of("AUTH", "alice", "wrong"),
                List.of("AUTH", "nosuch", "secret"), List.of("HELLO", "3", "AUTH", "alice", "wrong"),
                List.of("HELLO", "3", "AUTH", "alice"), List.of("ACL", "WHOAMI"),
                List.of("AUTH", "alice", "secret"), List.of("ACL", "WHOAMI"), List.of("GET", "k"),
                List.of("AUTH", "default", "anything"), List.of("ACL", "WHOAMI"));
        sameReplies(List.of("ACL", "SETUSER", "alice", "+acl|whoami"));
        for (int port : ports()) {
            try (RawRespClient c = RawRespClient.connect("127.0.0.1", port)) {
                assertTrue(c.callString("HELLO", "2", "AUTH", "alice", "secret").startsWith("*14\r\n"),
                        "HELLO AUTH with the right password answers HELLO's map on " + port);
                assertEquals("$5\r\nalice\r\n", c.callString("ACL", "WHOAMI"), "HELLO AUTH switched users on " + port);
            }
        }
    }

    @Test
    void aDefaultUserWithAPasswordRequiresAuth() {
        sameReplies(List.of("ACL", "SETUSER", "default", "resetpass", ">pw"));
        sameReplies(List.of("GET", "k"), List.of("ACL", "WHOAMI"), List.of("PING"),
                List.of("HELLO", "3"), List.of("AUTH", "wrong"), List.of("GET", "k"), List.of("AUTH", "pw"),
                List.of("GET", "k"), List.of("ACL", "WHOAMI"));
        sameReplies(List.of("MULTI"), List.of("GET", "k"), List.of("EXEC"));
    }

    @Test
    void nopermOnCommandsKeysAndChannelsLikeRedis() {
        sameReplies(List.of("ACL", "SETUSER", "alice", "on", ">pw", "+@read", "+@pubsub", "+@transaction", "+set",
                "+eval", "~k*", "&news.*"));
        sameReplies(List.of("AUTH", "alice", "pw"),
                List.of("GET", "k1"), List.of("GET", "x"), List.of("MGET", "k1", "x", "k2"), List.of("SET", "x", "v"),
                List.of("DEL", "k1"), List.of("PUBLISH", "news.1", "m"), List.of("PUBLISH", "other", "m"),
                List.of("SPUBLISH", "other", "m"), List.of("PSUBSCRIBE", "news.1*"),
                List.of("EVAL", "return 1", "1", "x"), List.of("EVAL", "return 1", "1", "k1"),
                List.of("MULTI"), List.of("GET", "k1"), List.of("GET", "x"), List.of("DEL", "k1"), List.of("EXEC"),
                List.of("ACL", "WHOAMI"), List.of("SUBSCRIBE", "news.a", "other"));
        sameReplies(List.of("ACL", "DRYRUN", "alice", "subscribe", "news.a", "other"),
                List.of("ACL", "DRYRUN", "alice", "mget", "k1", "x", "k2"));
        assertEquals(logWithoutTimes(redis.port()), logWithoutTimes(gateway.port()), "ACL LOG after the denials");
    }

    @Test
    void permissionsChangedAfterMultiAreCheckedAgainAtExec() {
        sameReplies(List.of("ACL", "SETUSER", "alice", "on", ">pw", "+@all", "~*"));
        List<String> execs = new ArrayList<>();
        for (int port : ports()) {
            try (RawRespClient alice = RawRespClient.connect("127.0.0.1", port);
                 RawRespClient admin = RawRespClient.connect("127.0.0.1", port)) {
                alice.callString("AUTH", "alice", "pw");
                for (String[] cmd : new String[][] {{"MULTI"}, {"SET", "k", "v"}, {"GET", "k"}, {"INCR", "n"}, {"PING"}}) {
                    alice.callString(cmd);
                }
                assertEquals("+OK\r\n", admin.callString("ACL", "SETUSER", "alice", "-ping", "resetkeys", "%R~k", "~n"));
                execs.add(alice.callString("EXEC"));
            }
        }
        assertEquals(execs.get(0), execs.get(1), "EXEC after alice lost SET on k and PING");
        assertEquals(logWithoutTimes(redis.port()), logWithoutTimes(gateway.port()), "ACL LOG after EXEC");
    }

    @Test
    void aclLogRecordsFailedAuthentications() {
        sameReplies(List.of("AUTH", "nosuch", "pw"), List.of("AUTH", "nosuch", "pw"),
                List.of("HELLO", "2", "AUTH", "other", "pw"));
        assertEquals(logWithoutTimes(redis.port()), logWithoutTimes(gateway.port()), "ACL LOG after failed AUTHs");
        sameReplies(List.of("ACL", "LOG", "RESET"), List.of("ACL", "LOG"));
    }

    @Test
    void connectionsOfADeletedUserAreClosed() {
        sameReplies(List.of("ACL", "SETUSER", "alice", "on", "nopass", "+@all", "~*"));
        for (int port : ports()) {
            try (RawRespClient alice = RawRespClient.connect("127.0.0.1", port);
                 RawRespClient admin = RawRespClient.connect("127.0.0.1", port)) {
                assertEquals("+OK\r\n", alice.callString("AUTH", "alice", "x"));
                assertEquals(":1\r\n", admin.callString("ACL", "DELUSER", "alice"));
                assertTrue(alice.closedByServer(), "alice's connection is closed on " + port);
                assertFalse(admin.closedByServer(), "the default user's connection stays on " + port);
            }
        }
    }

    /**
     * Every category lists the commands redis-server 7.0 lists (order aside: Redis' is its hash
     * table's); the command specs also hold a few later commands (WAITAOF, CLIENT SETINFO...).
     */
    @Test
    void aclCatListsTheCategoriesCommandsLikeRedis() {
        try (RawRespClient r = RawRespClient.connect("127.0.0.1", redis.port());
             RawRespClient g = RawRespClient.connect("127.0.0.1", gateway.port())) {
            Set<String> redisCommands = strings(r.call(RawRespClient.toBytes("COMMAND", "LIST")));
            for (String category : AclCategories.NAMES) {
                Set<String> expected = strings(r.call(RawRespClient.toBytes("ACL", "CAT", category)));
                Set<String> actual = strings(g.call(RawRespClient.toBytes("ACL", "CAT", category)));
                actual.retainAll(redisCommands);
                if (category.equals("blocking")) actual.remove("wait"); // the specs flag WAIT blocking, as Redis 7.2 does
                assertEquals(expected, actual, "ACL CAT " + category + ", over the commands redis-server 7.0 has");
            }
        }
    }

    private static Set<String> strings(byte[] reply) {
        Set<String> out = new TreeSet<>();
        for (byte[] e : RawRespClient.arrayElements(reply)) {
            String bulk = new String(e, StandardCharsets.UTF_8);
            out.add(bulk.substring(bulk.indexOf("\r\n") + 2, bulk.length() - 2));
        }
        return out;
    }

    /** ACL LOG's entries without age-seconds and client-info, which differ between any two servers. */
    private static List<String> logWithoutTimes(int port) {
        try (RawRespClient c = RawRespClient.connect("127.0.0.1", port)) {
            String log = c.callString("ACL", "LOG");
            List<String> kept = new ArrayList<>();
            String[] lines = log.split("\r\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].equals("age-seconds") || lines[i].equals("client-info")) {
                    i += 2;
                } else {
                    kept.add(lines[i]);
                }
            }
            return kept;
        }
    }

    /**
     * A reply with each run of single-command rules ({@code +get -set}, after the categories)
     * sorted: redis-server lists them in its command table's hash order, which its random hash
     * seed changes from run to run; the gateway lists them in name order.
     */
    static String singleCommandsSorted(String reply) {
        StringBuilder out = new StringBuilder();
        for (String line : reply.split("\r\n", -1)) {
            if (out.length() > 0) out.append("\r\n");
            List<String> words = new ArrayList<>(List.of(line.replace(")", " )").split(" ", -1)));
            for (int i = 0; i < words.size(); ) {
                int j = i;
                while (j < words.size() && words.get(j).matches("[+-][^@].*")) j++;
                words.subList(i, j).sort(null);
                i = Math.max(j, i + 1);
            }
            out.append(String.join(" ", words).replace(" )", ")"));
        }
        return out.toString();
    }

    @SafeVarargs
    private static void sameReplies(List<String>... commands) {
        try (RawRespClient r = RawRespClient.connect("127.0.0.1", redis.port());
             RawRespClient g = RawRespClient.connect("127.0.0.1", gateway.port())) {
            for (List<String> cmd : commands) {
                String[] argv = cmd.toArray(String[]::new);
                assertEquals(singleCommandsSorted(r.callString(argv)), singleCommandsSorted(g.callString(argv)),
                        "the reply to " + cmd);
            }
        }
    }
}
