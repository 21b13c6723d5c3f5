package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.memstone.testing.RawRespClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Transactions as client libraries drive them through the gateway: Jedis and Lettuce (RESP3),
 * pipelined WATCH/MULTI/EXEC, a huge transaction, and the slot rules of a sharded cluster.
 */
class TransactionsThroughClientsTest {
    @RegisterExtension
    static final TestGateway gateway = new TestGateway();
    @RegisterExtension
    static final TestGateway sharded = new TestGateway(3);

    @Test
    void jedisTransactionAppliesEveryCommandAndReportsEachReply() {
        try (Jedis j = new Jedis("127.0.0.1", gateway.port(), 5000)) {
            j.del("jedis:a", "jedis:list");
            Transaction t = j.multi();
            t.set("jedis:a", "1");
            t.incrBy("jedis:a", 41);
            t.rpush("jedis:list", "x", "y");
            t.lpop("jedis:a"); // WRONGTYPE at run time; the others stand
            t.get("jedis:a");
            List<Object> replies = t.exec();
            assertEquals(5, replies.size());
            assertEquals("OK", replies.get(0));
            assertEquals(42L, replies.get(1));
            assertEquals(2L, replies.get(2));
            assertTrue(replies.get(3) instanceof JedisDataException, "LPOP of a string: " + replies.get(3));
            assertEquals("42", replies.get(4));
        }
    }

    @Test
    void lettuceTransactionOverResp3AndWatchAbort() {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", gateway.port()));
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
        client.setDefaultTimeout(Duration.ofSeconds(5));
        try (StatefulRedisConnection<String, String> c = client.connect();
                Jedis other = new Jedis("127.0.0.1", gateway.port(), 5000)) {
            RedisCommands<String, String> redis = c.sync();
            redis.del("lettuce:h", "lettuce:n");
            redis.multi();
            redis.hset("lettuce:h", "f", "v");
            redis.hgetall("lettuce:h");
            redis.incr("lettuce:n");
            TransactionResult done = redis.exec();
            assertEquals(false, done.wasDiscarded());
            assertEquals(java.util.Map.of("f", "v"), done.get(1));
            assertEquals(1L, (Long) done.get(2));

            redis.watch("lettuce:n");
            other.incr("lettuce:n");
            redis.multi();
            redis.incr("lettuce:n");
            assertTrue(redis.exec().wasDiscarded(), "another client changed the watched key");
            assertEquals("2", redis.get("lettuce:n"));
        } finally {
            client.shutdown();
        }
    }

    /** WATCH's read is still in flight when MULTI and EXEC arrive: EXEC must wait for it and use it. */
    @Test
    void pipelinedWatchMultiExecSeesTheWatchAndWhatFollowsIsNotQueued() {
        try (RawRespClient c = RawRespClient.connect("127.0.0.1", gateway.port())) {
            c.callString("set", "pipe:k", "1");
            List<String> replies = pipelined(c, List.of(
                    List.of("watch", "pipe:k"), List.of("set", "pipe:k", "changed-by-the-watcher"), List.of("multi"),
                    List.of("incr", "pipe:other"), List.of("exec"),
                    List.of("watch", "pipe:k"), List.of("multi"), List.of("set", "pipe:k", "mine"), List.of("exec"),
                    List.of("get", "pipe:k"), List.of("get", "pipe:other")));
            assertEquals(List.of("+OK", "+OK", "+OK", "+QUEUED", "*-1", "+OK", "+OK", "+QUEUED", "*1 +OK",
                    "$4 mine", "$-1"), replies, "the watcher's own change aborts its first transaction only");
        }
    }

    /** An UNWATCH queued in a transaction must not undo a WATCH that arrives after its EXEC. */
    @Test
    void aQueuedUnwatchLeavesTheNextWatchAlone() {
        try (RawRespClient c = RawRespClient.connect("127.0.0.1", gateway.port());
                RawRespClient other = RawRespClient.connect("127.0.0.1", gateway.port())) {
            c.callString("set", "uw:k", "1");
            // EXEC's entry is held until the WATCH behind it has arrived: the UNWATCH then runs after it.
            java.util.concurrent.CountDownLatch held = gateway.engine().hold();
            List<String> replies = send(c, List.of(List.of("multi"), List.of("set", "uw:x", "1"), List.of("unwatch"),
                    List.of("exec"), List.of("watch", "uw:k")), 3);
            held.countDown();
            replies.add(oneLine(c.read()));
            replies.add(oneLine(c.read()));
            assertEquals(List.of("+OK", "+QUEUED", "+QUEUED", "*2 +OK +OK", "+OK"), replies);
            other.callString("set", "uw:k", "2");
            assertEquals(List.of("+OK", "+QUEUED", "*-1"),
                    pipelined(c, List.of(List.of("multi"), List.of("set", "uw:k", "3"), List.of("exec"))));
        }
    }

    @Test
    void aHundredThousandQueuedCommandsApplyAsOne() {
        int n = 100_000;
        try (RawRespClient c = RawRespClient.connect("127.0.0.1", gateway.port());
                RawRespClient other = RawRespClient.connect("127.0.0.1", gateway.port())) {
            c.callString("del", "huge:counter");
            c.callString("multi");
            List<List<String>> chunk = new ArrayList<>();
            for (int i = 0; i < 1000; i++) chunk.add(List.of("incr", "huge:counter"));
            for (int sent = 0; sent < n; sent += chunk.size()) {
                assertTrue(pipelined(c, chunk).stream().allMatch("+QUEUED"::equals));
            }
            assertEquals("$-1\r\n", other.callString("get", "huge:counter"), "nothing applies before EXEC");
            List<byte[]> replies = RawRespClient.arrayElements(c.call(RawRespClient.toBytes("exec")));
            assertEquals(n, replies.size());
            assertEquals(":" + n + "\r\n", new String(replies.get(n - 1), StandardCharsets.UTF_8));
            assertEquals("$6\r\n" + n + "\r\n", c.callString("get", "huge:counter"));
        }
    }

    /** Sends the commands in one write, then reads their replies, each shown on one line. */
    private static List<String> pipelined(RawRespClient c, List<List<String>> commands) {
        return send(c, commands, commands.size());
    }

    /** Sends the commands in one write, then reads the first {@code read} replies. */
    private static List<String> send(RawRespClient c, List<List<String>> commands, int read) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (List<String> command : commands) {
            bytes.writeBytes(RawRespClient.encodeCommand(RawRespClient.toBytes(command.toArray(new String[0]))));
        }
        List<String> replies = new ArrayList<>();
        replies.add(oneLine(c.sendRaw(bytes.toByteArray())));
        while (replies.size() < read) replies.add(oneLine(c.read()));
        return replies;
    }

    private static String oneLine(byte[] reply) {
        return new String(reply, StandardCharsets.UTF_8).replace("\r\n", " ").trim();
    }

    @Test
    void severalShardsKeepATransactionInOneSlot() {
        try (Jedis j = new Jedis("127.0.0.1", sharded.port(), 5000)) {
            Transaction t = j.multi();
            t.set("{t}a", "1");
            t.set("b", "2");
            JedisDataException e = assertThrows(JedisDataException.class, t::exec);
            assertEquals("EXECABORT Transaction discarded because of previous errors.", e.getMessage());
            assertNull(j.get("{t}a"), "nothing of a refused transaction applies");

            assertEquals("CROSSSLOT Keys in request don't hash to the same slot", errorOf(() -> j.watch("{t}a", "b")));
            j.watch("{t}a");
            t = j.multi();
            t.set("b", "2");
            e = assertThrows(JedisDataException.class, t::exec);
            assertEquals("EXECABORT Transaction discarded because of previous errors.", e.getMessage(),
                    "queued keys must share the watched keys' slot");

            try (RawRespClient c = RawRespClient.connect("127.0.0.1", sharded.port())) {
                assertEquals(List.of("+OK", "-ERR DBSIZE inside MULTI needs a cluster of one shard",
                        "-EXECABORT Transaction discarded because of previous errors."),
                        pipelined(c, List.of(List.of("multi"), List.of("dbsize"), List.of("exec"))));
            }

            j.watch("{t}a");
            t = j.multi();
            t.set("{t}a", "1");
            t.set("{t}b", "2");
            t.mget("{t}a", "{t}b");
            assertEquals(List.of("OK", "OK", List.of("1", "2")), t.exec());

            try (RawRespClient c = RawRespClient.connect("127.0.0.1", sharded.port())) {
                assertEquals(List.of("+OK", "+QUEUED", "*1 $2 hi"),
                        pipelined(c, List.of(List.of("multi"), List.of("echo", "hi"), List.of("exec"))),
                        "a transaction without keys runs on any shard");
            }
        }
    }

    private static String errorOf(Runnable command) {
        return assertThrows(JedisDataException.class, command::run).getMessage();
    }

    @Test
    void clientListShowsATransactionInProgress() {
        try (RawRespClient c = RawRespClient.connect("127.0.0.1", gateway.port());
                Jedis observer = new Jedis("127.0.0.1", gateway.port(), 5000)) {
            pipelined(c, List.of(List.of("multi"), List.of("set", "cl:k", "v")));
            List<String> lines = List.of(observer.clientList().split("\n"));
            assertTrue(lines.stream().anyMatch(l -> l.contains(" flags=x ") && l.contains(" multi=1 ")), "CLIENT LIST: " + lines);
        }
    }
}
