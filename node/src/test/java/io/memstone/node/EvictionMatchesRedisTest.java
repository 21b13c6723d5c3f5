package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.InfoFields;
import io.memstone.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.RestoreParams;

/**
 * Eviction on a real 3-node cluster and on redis-server, policy by policy. Which keys go is
 * random in both, so the test holds both to the same properties: what may go goes (only keys
 * with an expiry under volatile-*, nearer expiries first under volatile-ttl, cold keys before
 * hot ones under LRU and LFU), writes at maxmemory keep succeeding, and OOM and OBJECT
 * IDLETIME/FREQ answer alike. All keys share a slot: maxmemory applies per shard in Memstone,
 * so one shard holds what redis-server holds.
 */
@Timeout(300)
class EvictionMatchesRedisTest {
    private static final String VALUE = "v".repeat(1000);
    /** Room left for writes past what the servers hold when the limit is set. */
    private static final long BUDGET = 20_000;
    /**
     * Keys with an expiry written before the limit: enough that 40 more keys never take them all
     * (redis-server's used_memory grows by more than its keys' MEMORY USAGE as it evicts).
     */
    private static final int VOLATILE = 150;

    @RegisterExtension
    static final SharedCluster shared = new SharedCluster();
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    /**
     * A server under test: redis-server, or the cluster through node 0 with parameters awaited
     * on every node and used_memory once every replica has applied the writes.
     */
    private record Target(String name, Jedis jedis, Consumer<String[]> config, ToLongFunction<Jedis> measure)
            implements AutoCloseable {
        void set(String parameter, String value) {
            config.accept(new String[] {parameter, value});
        }

        long usedMemory() {
            return measure.applyAsLong(jedis);
        }

        @Override
        public void close() {
            jedis.close();
        }
    }

    private static List<Target> targets() {
        Jedis r = new Jedis("127.0.0.1", redis.port(), 10_000);
        Jedis m = shared.get().jedis(0);
        return List.of(new Target("redis-server", r, p -> r.configSet(p[0], p[1]), EvictionMatchesRedisTest::usedMemory),
                new Target("memstone", m, p -> configEverywhere(m, p[0], p[1]), j -> settledUsedMemory()));
    }

    private static void configEverywhere(Jedis j, String parameter, String value) {
        j.configSet(parameter, value);
        for (int node = 0; node < 3; node++) {
            try (Jedis n = shared.get().jedis(node)) {
                TestCluster.await("node " + node + " to apply " + parameter + " " + value,
                        () -> n.configGet(parameter).get(parameter).equals(value));
            }
        }
    }

    /** The data bytes once all three nodes count the same: node 0 may be a follower still applying. */
    private static long settledUsedMemory() {
        long[] used = new long[3];
        TestCluster.await("every replica to apply the writes", () -> {
            for (int node = 0; node < 3; node++) {
                try (Jedis n = shared.get().jedis(node)) {
                    used[node] = usedMemory(n);
                }
            }
            return used[0] == used[1] && used[1] == used[2];
        });
        return used[0];
    }

    private static long usedMemory(Jedis j) {
        return InfoFields.number(j.info("memory"), "used_memory");
    }

    private static long evictedKeys(Jedis j) {
        return InfoFields.number(j.info("stats"), "evicted_keys");
    }

    /** Empties the server and lifts the limit, then sets the policy. */
    private static void reset(Target t, String policy) {
        t.set("maxmemory", "0");
        t.jedis().flushAll();
        t.set("maxmemory-policy", policy);
    }

    /** Leaves {@code BUDGET} bytes of room over what the server holds now. */
    private static void limitToBudget(Target t) {
        t.set("maxmemory", Long.toString(t.usedMemory() + BUDGET));
    }

    private static void fill(Jedis j, String prefix, int count, int ttlBaseSeconds) {
        Pipeline p = j.pipelined();
        for (int i = 0; i < count; i++) {
            if (ttlBaseSeconds > 0) p.setex("{ev}" + prefix + i, ttlBaseSeconds + 10L * i, VALUE);
            else p.set("{ev}" + prefix + i, VALUE);
        }
        p.sync();
    }

    /** Writes one at a time, as clients at maxmemory do: every write must succeed. */
    private static void writeAtLimit(Target t, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String key = "{ev}" + prefix + i;
            assertEquals("reply OK", errorOf(() -> t.jedis().set(key, VALUE)), t.name() + ": SET " + key + " at maxmemory");
        }
    }

    private static List<Integer> present(Jedis j, String prefix, int count) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) if (j.exists("{ev}" + prefix + i)) out.add(i);
        return out;
    }

    @Test
    void volatilePoliciesEvictOnlyKeysWithAnExpiry() {
        for (String policy : List.of("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl")) {
            for (Target t : targets()) {
                try (t) {
                    reset(t, policy);
                    fill(t.jedis(), "p", 60, 0);
                    fill(t.jedis(), "t", VOLATILE, 1000);
                    // Before the limit: redis-server may evict as soon as it is set.
                    long evictedBefore = evictedKeys(t.jedis());
                    limitToBudget(t);
                    writeAtLimit(t, "n", 40);
                    String what = t.name() + " under " + policy;
                    assertEquals(60, present(t.jedis(), "p", 60).size(), what + ": keys without an expiry all stay");
                    assertEquals(40, present(t.jedis(), "n", 40).size(), what + ": new keys without an expiry all stay");
                    int volatileLeft = present(t.jedis(), "t", VOLATILE).size();
                    assertTrue(volatileLeft < VOLATILE && volatileLeft > 0, what + ": volatile keys left " + volatileLeft);
                    assertTrue(evictedKeys(t.jedis()) - evictedBefore >= VOLATILE - volatileLeft, what + ": evicted_keys counts them");
                }
            }
        }
    }

    @Test
    void volatileTtlEvictsNearerExpiriesFirst() {
        for (Target t : targets()) {
            try (t) {
                reset(t, "volatile-ttl");
                fill(t.jedis(), "t", VOLATILE, 1000);
                limitToBudget(t);
                writeAtLimit(t, "n", 40);
                List<Integer> kept = present(t.jedis(), "t", VOLATILE);
                double keptMean = kept.stream().mapToInt(Integer::intValue).average().orElse(VOLATILE);
                double evictedMean = ((VOLATILE - 1) * VOLATILE / 2.0 - kept.stream().mapToInt(Integer::intValue).sum())
                        / (VOLATILE - kept.size());
                assertTrue(evictedMean + 20 < keptMean, t.name() + ": mean TTL rank evicted " + evictedMean + ", kept " + keptMean);
            }
        }
    }

    @Test
    void lruKeepsRecentlyReadKeys() {
        hotKeysKept("allkeys-lru", t -> {
            // Redis' LRU clock counts seconds: the cold keys must be a second old.
            TestCluster.await(t.name() + ": a0 idle for a second", () -> t.jedis().objectIdletime("{ev}a0") >= 1);
            for (int i = 0; i < 100; i += 10) t.jedis().get("{ev}a" + i);
        });
    }

    @Test
    void lfuKeepsFrequentlyReadKeys() {
        hotKeysKept("allkeys-lfu", t -> {
            Pipeline p = t.jedis().pipelined();
            for (int n = 0; n < 100; n++) for (int i = 0; i < 100; i += 10) p.get("{ev}a" + i);
            p.sync();
        });
    }

    /** 100 keys, of which {@code heat} reads the ten hot ones (a0, a10...), then writes at maxmemory. */
    private static void hotKeysKept(String policy, Consumer<Target> heat) {
        for (Target t : targets()) {
            try (t) {
                reset(t, policy);
                fill(t.jedis(), "a", 100, 0);
                heat.accept(t);
                limitToBudget(t);
                writeAtLimit(t, "n", 60);
                assertHotKept(t, policy);
            }
        }
    }

    /** The ten hot keys (a0, a10...) stay, save one at most; cold ones went (new keys tie with them under LFU). */
    private static void assertHotKept(Target t, String policy) {
        List<Integer> kept = present(t.jedis(), "a", 100);
        long hot = kept.stream().filter(i -> i % 10 == 0).count();
        long cold = kept.size() - hot;
        assertTrue(hot >= 9, t.name() + " under " + policy + ": hot keys kept " + hot + " of 10");
        assertTrue(cold < 80, t.name() + " under " + policy + ": cold keys kept " + cold + " of 90");
    }

    @Test
    void allkeysRandomKeepsWritesSucceeding() {
        for (Target t : targets()) {
            try (t) {
                reset(t, "allkeys-random");
                fill(t.jedis(), "a", 60, 0);
                limitToBudget(t);
                long limit = Long.parseLong(t.jedis().configGet("maxmemory").get("maxmemory"));
                writeAtLimit(t, "n", 60);
                assertTrue(present(t.jedis(), "a", 60).size() + present(t.jedis(), "n", 60).size() < 120, t.name() + ": some keys went");
                if (t.name().equals("memstone")) assertTrue(t.usedMemory() <= limit, "memstone stays under maxmemory");
            }
        }
    }

    /** Over maxmemory with nothing it may evict, a growing command is refused alike; reads and deletes go on. */
    @Test
    void nothingToEvictAnswersOomAsRedisDoes() {
        for (String policy : List.of("noeviction", "volatile-lru", "volatile-ttl")) {
            List<String> replies = new ArrayList<>();
            for (Target t : targets()) {
                try (t) {
                    reset(t, policy);
                    fill(t.jedis(), "p", 20, 0);
                    t.set("maxmemory", Long.toString(t.usedMemory() - 1000));
                    replies.add(errorOf(() -> t.jedis().set("{ev}p0", "w")) + " | " + errorOf(() -> t.jedis().incr("{ev}n"))
                            + " | " + t.jedis().get("{ev}p1").length() + " | " + t.jedis().del("{ev}p2"));
                }
            }
            assertEquals(replies.get(0), replies.get(1), "redis-server, then memstone, under " + policy);
        }
    }

    @Test
    void objectIdletimeAndFreqAnswerAsRedisDoes() {
        List<List<String>> replies = new ArrayList<>();
        for (Target t : targets()) {
            try (t) {
                Jedis j = t.jedis();
                List<String> seen = new ArrayList<>();
                reset(t, "allkeys-lru");
                j.set("{ev}k", "v");
                seen.add(errorOf(() -> j.objectFreq("{ev}k")));
                seen.add(String.valueOf(j.objectIdletime("{ev}k")));
                TestCluster.await(t.name() + ": k idle for a second", () -> j.objectIdletime("{ev}k") >= 1);
                seen.add("idle still >= 1 after OBJECT: " + (j.objectIdletime("{ev}k") >= 1));
                j.get("{ev}k");
                seen.add(String.valueOf(j.objectIdletime("{ev}k")));
                j.restore("{ev}r", 0, j.dump("{ev}k"), RestoreParams.restoreParams().idleTime(100));
                seen.add("restored idle " + j.objectIdletime("{ev}r"));
                t.set("maxmemory-policy", "allkeys-lfu");
                j.set("{ev}f", "v");
                seen.add(errorOf(() -> j.objectIdletime("{ev}f")));
                seen.add(String.valueOf(j.objectFreq("{ev}f")));
                j.get("{ev}f");
                seen.add(String.valueOf(j.objectFreq("{ev}f")));
                seen.add(String.valueOf(j.objectFreq("{ev}missing")));
                j.restore("{ev}rf", 0, j.dump("{ev}f"), RestoreParams.restoreParams().frequency(42));
                seen.add("restored freq " + j.objectFreq("{ev}rf"));
                replies.add(seen);
            }
        }
        assertEquals(replies.get(0), replies.get(1), "redis-server, then memstone");
    }

    private static String errorOf(java.util.concurrent.Callable<?> call) {
        try {
            return "reply " + call.call();
        } catch (JedisDataException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
