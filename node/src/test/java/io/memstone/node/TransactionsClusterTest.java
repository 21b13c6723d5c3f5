package io.memstone.node;

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
import io.memstone.proto.admin.FailoverRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * MULTI/EXEC/WATCH on a real 3-node cluster: every gateway runs transactions on every shard,
 * as the shard's leader or forwarding to it, with Jedis and Lettuce unmodified; WATCH aborts
 * when a client on another node changes the key; concurrent check-and-set loops lose no
 * increment; a transaction too large for one log entry is refused whole.
 */
@Timeout(300)
class TransactionsClusterTest {
    @RegisterExtension
    static final SharedCluster shared = new SharedCluster();

    /** A hash tag per shard, so a transaction's keys share the slot of that shard. */
    private static List<String> tagPerShard(String prefix) {
        return EveryShard.keys(shared.get(), prefix).stream().map(k -> "{" + k + "}").toList();
    }

    @Test
    void jedisTransactionsWorkThroughEveryGatewayOnEveryShard() {
        for (int node = 0; node < 3; node++) {
            for (String tag : tagPerShard("jedis-tx")) {
                try (Jedis j = shared.get().jedis(node)) {
                    Transaction t = j.multi();
                    t.set(tag + "a", "n" + node);
                    t.incr(tag + "n");
                    t.lpush(tag + "a", "x"); // WRONGTYPE, and the rest still runs
                    t.get(tag + "a");
                    List<Object> replies = t.exec();
                    String where = "node " + node + ", " + tag;
                    assertEquals("OK", replies.get(0), where);
                    assertEquals((long) node + 1, replies.get(1), where);
                    assertTrue(replies.get(2) instanceof JedisDataException, where + ": " + replies.get(2));
                    assertEquals("n" + node, replies.get(3), where);
                }
            }
        }
    }

    @Test
    void lettuceWatchedTransactionsWorkThroughEveryGatewayOnEveryShard() {
        for (int node = 0; node < 3; node++) {
            RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", shared.get().respPort(node)));
            client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
            client.setDefaultTimeout(Duration.ofSeconds(30));
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                RedisCommands<String, String> redis = c.sync();
                for (String tag : tagPerShard("lettuce-tx")) {
                    redis.watch(tag + "n");
                    redis.multi();
                    redis.incr(tag + "n");
                    redis.hset(tag + "h", "node", "" + node);
                    TransactionResult r = redis.exec();
                    String where = "node " + node + ", " + tag;
                    assertEquals(false, r.wasDiscarded(), where);
                    assertEquals((long) node + 1, (Long) r.get(0), where);
                }
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void watchAbortsWhenAClientOnAnotherNodeChangesTheKey() {
        for (String tag : tagPerShard("watch-abort")) {
            try (Jedis watcher = shared.get().jedis(0); Jedis other = shared.get().jedis(1)) {
                watcher.set(tag + "k", "1");
                watcher.watch(tag + "k");
                other.set(tag + "k", "2");
                Transaction t = watcher.multi();
                t.set(tag + "k", "watcher");
                assertNull(t.exec(), "EXEC after another client's SET must abort, " + tag);
                assertEquals("2", other.get(tag + "k"));

                watcher.watch(tag + "k");
                assertEquals("2", other.get(tag + "k")); // a read is no change
                t = watcher.multi();
                t.set(tag + "k", "watcher");
                assertEquals(List.of("OK"), t.exec(), tag);
                assertEquals("watcher", other.get(tag + "k"));
            }
        }
    }

    /**
     * Versions are replicated state: a WATCH read on one leader is checked by the next after a
     * failover of every shard, and the EXEC goes on or aborts by what happened to the key.
     */
    @Test
    void watchesOutliveAFailoverOfEveryShard() throws Exception {
        List<String> tags = tagPerShard("failover-tx");
        List<Jedis> unchanged = new ArrayList<>();
        List<Jedis> changed = new ArrayList<>();
        try (Jedis other = shared.get().jedis(1)) {
            for (String tag : tags) {
                other.set(tag + "same", "1");
                other.set(tag + "changed", "1");
                Jedis a = shared.get().jedis(0);
                Jedis b = shared.get().jedis(2);
                unchanged.add(a);
                changed.add(b);
                a.watch(tag + "same");
                b.watch(tag + "changed");
            }
            for (int shard = 0; shard < 3; shard++) {
                String name = "shard-" + shard;
                int before = shared.get().nodes.leaderIndex(name);
                shared.get().admin(0).failover(FailoverRequest.newBuilder().setShard(name).build());
                TestCluster.await("a new leader of " + name, () -> {
                    int now = shared.get().nodes.leaderIndex(name);
                    return now >= 0 && now != before;
                });
            }
            for (String tag : tags) other.incr(tag + "changed");
            for (int i = 0; i < tags.size(); i++) {
                Transaction t = unchanged.get(i).multi();
                t.set(tags.get(i) + "same", "mine");
                assertEquals(List.of("OK"), t.exec(), "nothing changed the key: " + tags.get(i));
                t = changed.get(i).multi();
                t.set(tags.get(i) + "changed", "mine");
                assertNull(t.exec(), "the key changed after the failover: " + tags.get(i));
            }
        } finally {
            unchanged.forEach(Jedis::close);
            changed.forEach(Jedis::close);
        }
    }

    /** Clients on every node increment one counter with WATCH/GET/MULTI/SET/EXEC, retrying on abort. */
    @Test
    void concurrentCheckAndSetLoopsLoseNoIncrement() throws Exception {
        int clients = 6;
        int increments = 25;
        String counter = "cas:counter";
        try (Jedis j = shared.get().jedis(0)) {
            j.set(counter, "0");
        }
        AtomicInteger aborted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int node = c % 3;
                done.add(pool.submit(() -> {
                    try (Jedis j = shared.get().jedis(node)) {
                        for (int i = 0; i < increments; ) {
                            j.watch(counter);
                            long seen = Long.parseLong(j.get(counter));
                            Transaction t = j.multi();
                            t.set(counter, Long.toString(seen + 1));
                            if (t.exec() != null) {
                                i++;
                            } else {
                                aborted.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        try (Jedis j = shared.get().jedis(2)) {
            assertEquals(Integer.toString(clients * increments), j.get(counter),
                    "every successful EXEC counted once (" + aborted.get() + " attempts aborted)");
        }
    }

    @Test
    void aTransactionLargerThanOneLogEntryIsRefusedWhole() {
        String value = "v".repeat(1 << 20);
        try (Jedis j = shared.get().jedis(1)) {
            Transaction t = j.multi();
            for (int i = 0; i < 40; i++) t.set("{big}:" + i, value);
            JedisDataException e = assertThrows(JedisDataException.class, t::exec);
            assertTrue(e.getMessage().startsWith("ERR the command's arguments take "), e.getMessage());
            assertNull(j.get("{big}:0"), "nothing of it applied");
            assertEquals("PONG", j.ping(), "the connection goes on");
        }
    }
}
