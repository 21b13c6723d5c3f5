package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.params.XReadParams;

/**
 * Blocked clients on a gateway over real engines, where Memstone's own behaviour shows: FIFO
 * service one push at a time, time limits, INFO and CLIENT LIST, clients that go away while
 * blocked, and the blocking APIs of Jedis and Lettuce.
 */
class BlockedClientsTest {
    private static final Pattern BLOCKED_CLIENTS = Pattern.compile("blocked_clients:(\\d+)");

    @RegisterExtension
    static final TestGateway gateway = new TestGateway();

    private static RawRespClient connect() {
        return RawRespClient.connect("127.0.0.1", gateway.port());
    }

    private static int blocked(RawRespClient c) {
        Matcher m = BLOCKED_CLIENTS.matcher(c.callString("info", "clients"));
        assertTrue(m.find(), "INFO clients has blocked_clients");
        return Integer.parseInt(m.group(1));
    }

    private static void awaitBlocked(RawRespClient observer, int n) {
        long deadline = System.currentTimeMillis() + 10_000;
        int now;
        while ((now = blocked(observer)) != n) {
            assertTrue(System.currentTimeMillis() < deadline, "blocked_clients stayed " + now + ", expected " + n);
            Thread.onSpinWait();
        }
    }

    private static String bulk(String s) {
        return "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n";
    }

    @Test
    void pushesOneAtATimeServeTheWaitersInArrivalOrder() {
        try (RawRespClient producer = connect()) {
            producer.callString("del", "fifo");
            List<RawRespClient> waiters = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RawRespClient c = connect();
                c.send("brpop", "fifo", "0");
                awaitBlocked(producer, i + 1);
                waiters.add(c);
            }
            for (int i = 0; i < waiters.size(); i++) {
                producer.callString("lpush", "fifo", "e" + i);
                String reply = new String(waiters.get(i).read(), StandardCharsets.UTF_8);
                assertEquals("*2\r\n" + bulk("fifo") + bulk("e" + i), reply, "waiter " + i + " served in turn");
                awaitBlocked(producer, waiters.size() - i - 1);
            }
            waiters.forEach(RawRespClient::close);
        }
    }

    @Test
    void clientListShowsTheBlockedFlagAndCommand() {
        try (RawRespClient observer = connect(); RawRespClient c = connect()) {
            long id = Long.parseLong(c.callString("client", "id").substring(1).trim());
            c.send("bzpopmin", "nothing-here", "0");
            awaitBlocked(observer, 1);
            String list = observer.callString("client", "list", "id", Long.toString(id));
            assertTrue(list.contains(" flags=b ") && list.contains(" cmd=bzpopmin "), "CLIENT LIST of a blocked client: " + list);
            assertEquals(":1\r\n", observer.callString("client", "unblock", Long.toString(id)));
            assertEquals("*-1\r\n", new String(c.read(), StandardCharsets.UTF_8));
            assertTrue(observer.callString("client", "list", "id", Long.toString(id)).contains(" flags=N "));
        }
    }

    @Test
    void aClientThatDisconnectsStopsWaitingAndTakesNothing() {
        try (RawRespClient producer = connect()) {
            producer.callString("del", "gone");
            RawRespClient c = connect();
            c.send("blpop", "gone", "0");
            awaitBlocked(producer, 1);
            c.close();
            awaitBlocked(producer, 0);
            producer.callString("rpush", "gone", "kept");
            assertEquals("*1\r\n" + bulk("kept"), producer.callString("lrange", "gone", "0", "-1"));
        }
    }

    @Test
    void theTimeLimitCountsFromArrival() {
        try (RawRespClient c = connect()) {
            long start = System.nanoTime();
            assertEquals("*-1\r\n", c.callString("blpop", "never", "0.3"));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 300 && ms < 3000, "BLPOP with 0.3 s answered after " + ms + " ms");
            assertEquals(0, blocked(c));
        }
    }

    @Test
    void jedisBlockingCallsGetWhatIsPushed() throws Exception {
        try (Jedis consumer = new Jedis("127.0.0.1", gateway.port(), 10_000);
                Jedis producer = new Jedis("127.0.0.1", gateway.port(), 10_000);
                RawRespClient observer = connect()) {
            producer.del("jq", "jz");
            var popped = java.util.concurrent.CompletableFuture.supplyAsync(() -> consumer.brpop(0, "jq"));
            awaitBlocked(observer, 1);
            producer.lpush("jq", "hello");
            assertEquals(List.of("jq", "hello"), popped.get(10, TimeUnit.SECONDS));
            assertNull(consumer.blpop(0.05, "jq"), "a timed-out BLPOP");
            var zpopped = java.util.concurrent.CompletableFuture.supplyAsync(() -> consumer.bzpopmin(0, "jz"));
            awaitBlocked(observer, 1);
            producer.zadd("jz", 2.5, "m");
            var kv = zpopped.get(10, TimeUnit.SECONDS);
            assertEquals("jz", kv.getKey());
            assertEquals("m", kv.getValue().getElement());
            assertEquals(2.5, kv.getValue().getScore());
        }
    }

    @Test
    void jedisBlockingStreamReadsGetWhatIsAdded() throws Exception {
        try (Jedis consumer = new Jedis("127.0.0.1", gateway.port(), 10_000);
                Jedis producer = new Jedis("127.0.0.1", gateway.port(), 10_000);
                RawRespClient observer = connect()) {
            producer.del("js");
            var read = java.util.concurrent.CompletableFuture.supplyAsync(() -> consumer.xread(
                    XReadParams.xReadParams().block(0), Map.of("js", StreamEntryID.XREAD_NEW_ENTRY)));
            awaitBlocked(observer, 1);
            StreamEntryID added = producer.xadd("js", StreamEntryID.NEW_ENTRY, Map.of("f", "v"));
            var streams = read.get(10, TimeUnit.SECONDS);
            assertEquals("js", streams.get(0).getKey());
            assertEquals(added, streams.get(0).getValue().get(0).getID());
            assertNull(consumer.xread(XReadParams.xReadParams().block(50), Map.of("js", StreamEntryID.XREAD_NEW_ENTRY)),
                    "a timed-out XREAD");

            producer.xgroupCreate("js", "g", StreamEntryID.XGROUP_LAST_ENTRY, false);
            var grouped = java.util.concurrent.CompletableFuture.supplyAsync(() -> consumer.xreadGroup("g", "c",
                    XReadGroupParams.xReadGroupParams().block(0), Map.of("js", StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
            awaitBlocked(observer, 1);
            StreamEntryID next = producer.xadd("js", StreamEntryID.NEW_ENTRY, Map.of("f", "w"));
            assertEquals(next, grouped.get(10, TimeUnit.SECONDS).get(0).getValue().get(0).getID());
            assertEquals(1L, producer.xpending("js", "g").getTotal(), "the served entry is pending");
        }
    }

    @Test
    void lettuceBlockingCallsGetWhatIsPushed() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", gateway.port()));
        try (StatefulRedisConnection<String, String> consumer = client.connect();
                StatefulRedisConnection<String, String> producer = client.connect();
                RawRespClient observer = connect()) {
            RedisAsyncCommands<String, String> c = consumer.async();
            producer.sync().del("lq", "ldst");
            var popped = c.blpop(0, "lq");
            var moved = c.blmove("lq", "ldst", LMoveArgs.Builder.leftRight(), 0);
            awaitBlocked(observer, 1);
            producer.sync().rpush("lq", "a", "b");
            assertEquals(KeyValue.just("lq", "a"), popped.get(10, TimeUnit.SECONDS));
            assertEquals("b", moved.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("b"), producer.sync().lrange("ldst", 0, -1));
            assertNull(c.brpop(0.05, "lq").get(10, TimeUnit.SECONDS));
        } finally {
            client.shutdown();
        }
    }
}
