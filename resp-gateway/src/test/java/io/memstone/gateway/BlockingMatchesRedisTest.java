package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerExtension;
import io.memstone.testing.ReplyMatcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blocking commands as clients see them, against redis-server 7.0: the run without waiting in
 * MULTI, the reply at timeout, the wake-up by a push from another client, the order in which
 * waiting clients are served, CLIENT UNBLOCK, and a connection's later commands waiting behind
 * its blocked one; for the list and sorted set pops and XREAD/XREADGROUP with BLOCK. Every reply
 * must be the same bytes, in RESP2 and RESP3.
 */
class BlockingMatchesRedisTest {
    private static final Pattern BLOCKED_CLIENTS = Pattern.compile("blocked_clients:(\\d+)");

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    @RegisterExtension
    static final TestGateway gateway = new TestGateway();

    private final ReplyMatcher replies = new ReplyMatcher();
    private final List<Client> clients = new ArrayList<>();

    /** One client's connections to both servers. */
    private final class Client {
        final RawRespClient toRedis = redis.connect();
        final RawRespClient toMemstone = RawRespClient.connect("127.0.0.1", gateway.port());

        void check(String... command) {
            replies.check(List.of(command), toRedis, toMemstone);
        }

        /** Sends to both and reads nothing: the command blocks. */
        void send(String... command) {
            toRedis.send(command);
            toMemstone.send(command);
        }

        /** Switches both connections to the protocol (HELLO's replies name the server: not compared). */
        void hello(String protocol) {
            send("hello", protocol);
            toRedis.read();
            toMemstone.read();
        }

        /** Reads the reply of a command sent earlier from both and compares them. */
        void receive(String... command) {
            replies.check(RawRespClient.toBytes(command), toRedis.read(), toMemstone.read());
        }
    }

    private Client client() {
        Client c = new Client();
        clients.add(c);
        return c;
    }

    @BeforeEach
    void empty() {
        client().check("flushall");
    }

    @AfterEach
    void disconnect() {
        for (Client c : clients) {
            c.toRedis.close();
            c.toMemstone.close();
        }
    }

    /** Waits until both servers count {@code n} blocked clients, so the next command finds them waiting. */
    private void awaitBlocked(Client observer, int n) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            int r = blocked(observer.toRedis);
            int m = blocked(observer.toMemstone);
            if (r == n && m == n) return;
            if (System.currentTimeMillis() > deadline) {
                assertEquals(n + "/" + n, r + "/" + m, "blocked_clients of redis-server/memstone");
            }
            Thread.onSpinWait();
        }
    }

    private static int blocked(RawRespClient c) {
        Matcher m = BLOCKED_CLIENTS.matcher(new String(c.call(RawRespClient.toBytes("info", "clients")), StandardCharsets.UTF_8));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3"})
    void inMultiTheyRunWithoutWaiting(String protocol) {
        Client c = client();
        c.hello(protocol);
        c.check("multi");
        for (String[] command : List.of(new String[] {"blpop", "q", "0"}, new String[] {"brpop", "q", "r", "0"},
                new String[] {"blmove", "q", "d", "left", "left", "0"}, new String[] {"brpoplpush", "q", "d", "0"},
                new String[] {"blmpop", "0", "1", "q", "left"}, new String[] {"bzpopmin", "z", "0"},
                new String[] {"bzpopmax", "z", "0"}, new String[] {"bzmpop", "0", "1", "z", "max"},
                new String[] {"rpush", "q", "a", "b"}, new String[] {"blpop", "q", "0"},
                new String[] {"blmove", "q", "d", "left", "right", "0"}, new String[] {"zadd", "z", "1", "m"},
                new String[] {"bzpopmax", "z", "0"}, new String[] {"blpop", "q", "-1"})) {
            c.check(command);
        }
        c.check("exec");
        c.check("lrange", "d", "0", "-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3"})
    void aTimeoutAnswersANullArray(String protocol) {
        Client c = client();
        c.hello(protocol);
        c.check("blpop", "q", "0.05");
        c.check("brpop", "q", "r", "0.01");
        c.check("blmove", "q", "d", "left", "left", "0.02");
        c.check("brpoplpush", "q", "d", "0.01");
        c.check("blmpop", "0.01", "2", "q", "r", "right", "count", "3");
        c.check("bzpopmin", "z", "0.01");
        c.check("bzmpop", "0.01", "1", "z", "min");
        c.check("exists", "d");
    }

    @Test
    void aPushServesTheWaitingClientsInTheOrderTheyCame() {
        Client producer = client();
        List<Client> consumers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Client c = client();
            c.send("blpop", "empty", "q", "0");
            awaitBlocked(producer, i + 1);
            consumers.add(c);
        }
        producer.check("rpush", "q", "1", "2", "3");
        for (Client c : consumers) c.receive("blpop", "empty", "q", "0");
        awaitBlocked(producer, 0);
        producer.check("exists", "q");
    }

    @Test
    void sortedSetAndMoveWaitersAreServedByTheirPushes() {
        Client producer = client();
        Client zset = client();
        zset.send("bzpopmax", "z1", "z2", "0");
        Client mover = client();
        mover.send("blmove", "src", "dst", "right", "left", "0");
        Client multi = client();
        multi.send("blmpop", "0", "2", "l1", "l2", "left", "count", "5");
        awaitBlocked(producer, 3);
        producer.check("zadd", "z2", "1", "a", "2", "b");
        zset.receive("bzpopmax", "z1", "z2", "0");
        producer.check("rpush", "src", "x", "y");
        mover.receive("blmove", "src", "dst", "right", "left", "0");
        producer.check("rpush", "l2", "p", "q", "r");
        multi.receive("blmpop", "0", "2", "l1", "l2", "left", "count", "5");
        producer.check("lrange", "src", "0", "-1");
        producer.check("lrange", "dst", "0", "-1");
        producer.check("zrange", "z2", "0", "-1", "withscores");
    }

    @Test
    void aBlockedClientRunsNothingElseUntilServed() {
        Client producer = client();
        Client c = client();
        c.send("brpop", "q", "0");
        c.send("lpush", "q", "mine");
        c.send("ping");
        awaitBlocked(producer, 1);
        producer.check("llen", "q");
        producer.check("lpush", "q", "theirs");
        c.receive("brpop", "q", "0");
        c.receive("lpush", "q", "mine");
        c.receive("ping");
        producer.check("lrange", "q", "0", "-1");
    }

    @Test
    void clientUnblockAnswersTimeoutOrError() {
        Client admin = client();
        admin.check("xgroup", "create", "s", "g", "$", "mkstream");
        Client c = client();
        long redisId = Long.parseLong(c.toRedis.callString("client", "id").substring(1).trim());
        long memstoneId = Long.parseLong(c.toMemstone.callString("client", "id").substring(1).trim());
        for (String[] command : List.of(new String[] {"blpop", "q", "0"}, new String[] {"xread", "block", "0", "streams",
                "s", "$"}, new String[] {"xreadgroup", "group", "g", "c", "block", "0", "streams", "s", ">"})) {
            for (String reason : new String[] {"timeout", "error"}) {
                c.send(command);
                awaitBlocked(admin, 1);
                replies.check(RawRespClient.toBytes("client", "unblock", "<id>", reason),
                        admin.toRedis.call(RawRespClient.toBytes("client", "unblock", Long.toString(redisId), reason)),
                        admin.toMemstone.call(RawRespClient.toBytes("client", "unblock", Long.toString(memstoneId), reason)));
                c.receive(command);
            }
        }
        admin.check("client", "unblock", "999999");
        admin.check("client", "unblock", "abc");
        admin.check("client", "unblock", "1", "foo");
        admin.check("client", "unblock", "1", "timeout", "x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3"})
    void streamReadsTimeOutAndDoNotWaitInMulti(String protocol) {
        Client c = client();
        c.hello(protocol);
        c.check("xread", "block", "20", "streams", "s", "$");
        c.check("xadd", "s", "1-0", "f", "v");
        c.check("xread", "count", "5", "block", "20", "streams", "s", "t", "$", "0");
        c.check("xgroup", "create", "s", "g", "$");
        c.check("xreadgroup", "group", "g", "c", "block", "20", "streams", "s", ">");
        c.check("xreadgroup", "group", "g", "c", "block", "0", "streams", "s", "0");
        c.check("xread", "block", "-1", "streams", "s", "$");
        c.check("xread", "block", "x", "streams", "s", "$");
        c.check("xreadgroup", "group", "nosuch", "c", "block", "0", "streams", "s", ">");
        c.check("xreadgroup", "group", "g", "c", "block", "0", "streams", "s", "$");
        c.check("set", "str", "x");
        c.check("xread", "block", "0", "streams", "str", "$");
        c.check("multi");
        c.check("xread", "block", "0", "streams", "s", "$");
        c.check("xreadgroup", "group", "g", "c", "block", "0", "streams", "s", ">");
        c.check("xadd", "s", "2-0", "f", "v");
        c.check("xreadgroup", "group", "g", "c", "block", "0", "streams", "s", ">");
        c.check("exec");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3"})
    void anXaddServesEveryStreamReaderWaitingOnIt(String protocol) {
        Client producer = client();
        List<Client> readers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Client c = client();
            c.hello(protocol);
            c.send("xread", "block", "0", "streams", "other", "s", "$", "$");
            awaitBlocked(producer, i + 1);
            readers.add(c);
        }
        producer.check("xadd", "s", "1-1", "f", "v");
        for (Client c : readers) c.receive("xread", "block", "0", "streams", "other", "s", "$", "$");
        awaitBlocked(producer, 0);
    }

    @Test
    void dollarIsTheLastIdWhenTheReadWasIssued() {
        Client producer = client();
        producer.check("xadd", "s", "5-0", "f", "v");
        Client c = client();
        c.send("xread", "block", "0", "streams", "s", "$");
        awaitBlocked(producer, 1);
        producer.check("del", "s");
        producer.check("xadd", "s", "2-0", "f", "v");
        producer.check("xadd", "s", "7-0", "f", "v");
        c.receive("xread", "block", "0", "streams", "s", "$");
    }

    @Test
    void aStreamReaderStaysWaitingOnAKeyOfAnotherType() {
        Client producer = client();
        Client c = client();
        c.send("xread", "block", "300", "streams", "s", "$");
        awaitBlocked(producer, 1);
        producer.check("lpush", "s", "x");
        c.receive("xread", "block", "300", "streams", "s", "$");
    }

    @Test
    void groupReadersAreServedInTheOrderTheyCame() {
        Client producer = client();
        producer.check("xgroup", "create", "s", "g", "$", "mkstream");
        Client first = client();
        first.send("xreadgroup", "group", "g", "c1", "count", "1", "block", "0", "streams", "s", ">");
        awaitBlocked(producer, 1);
        Client second = client();
        second.send("xreadgroup", "group", "g", "c2", "noack", "block", "0", "streams", "s", ">");
        awaitBlocked(producer, 2);
        producer.check("xadd", "s", "1-0", "f", "v");
        first.receive("xreadgroup", "group", "g", "c1", "count", "1", "block", "0", "streams", "s", ">");
        awaitBlocked(producer, 1);
        producer.check("xadd", "s", "2-0", "f", "v");
        second.receive("xreadgroup", "group", "g", "c2", "noack", "block", "0", "streams", "s", ">");
        producer.check("xpending", "s", "g");
        producer.check("xinfo", "groups", "s");
    }

    @Test
    void aGroupReaderIsToldWhenItsGroupOrStreamGoes() {
        Client producer = client();
        producer.check("xgroup", "create", "s", "g", "$", "mkstream");
        Client c = client();
        c.send("xreadgroup", "group", "g", "c", "block", "0", "streams", "s", ">");
        awaitBlocked(producer, 1);
        producer.check("xgroup", "destroy", "s", "g");
        c.receive("xreadgroup", "group", "g", "c", "block", "0", "streams", "s", ">");
        producer.check("xgroup", "create", "s", "g", "$");
        c.send("xreadgroup", "group", "g", "c", "block", "0", "streams", "s", ">");
        awaitBlocked(producer, 1);
        producer.check("del", "s");
        c.receive("xreadgroup", "group", "g", "c", "block", "0", "streams", "s", ">");
        producer.check("xgroup", "create", "s", "g", "$", "mkstream");
        c.send("xreadgroup", "group", "g", "c", "block", "0", "streams", "s", ">");
        awaitBlocked(producer, 1);
        producer.check("set", "s", "now a string");
        c.receive("xreadgroup", "group", "g", "c", "block", "0", "streams", "s", ">");
        awaitBlocked(producer, 0);
    }
}
