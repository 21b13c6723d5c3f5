package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.memstone.raft.LogPayloadMode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Scripts on three real node processes (three shards): the script cache is replicated through
 * each shard's log, so a script loaded through one gateway runs through every other, on every
 * shard, after a leader is killed and after every node restarts; unmodified Jedis and Lettuce
 * script helpers work. The failover test runs last: it kills and restarts the shared cluster.
 */
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScriptsEndToEndTest {
    @RegisterExtension
    static final SharedCluster shared = new SharedCluster();

    /** Idempotent, so a retried call during an election cannot change what it answers. */
    private static final String SET_AND_GET = "redis.call('set', KEYS[1], ARGV[1]) return redis.call('get', KEYS[1])";

    @Test
    @Order(1)
    void jedisAndLettuceScriptHelpersWorkThroughPlainAndClusterClients() {
        TestCluster cluster = shared.get();
        try (Jedis j = cluster.jedis(0)) {
            assertEquals(3L, j.eval("return #KEYS + #ARGV", List.of("{t}a"), List.of("x", "y")));
            String sha = j.scriptLoad("return ARGV[1] .. KEYS[1]");
            assertEquals(List.of(true, false), j.scriptExists(sha, "0000000000000000000000000000000000000000"));
            assertEquals("vk", j.evalsha(sha, List.of("k"), List.of("v")));
            JedisDataException crossSlot = assertThrows(JedisDataException.class,
                    () -> j.eval("return 1", List.of("a", "b"), List.of()));
            assertTrue(crossSlot.getMessage().startsWith("CROSSSLOT"), crossSlot.getMessage());
            JedisDataException noScript = assertThrows(JedisDataException.class,
                    () -> j.evalsha("ffffffffffffffffffffffffffffffffffffffff", List.of(), List.of()));
            assertEquals("NOSCRIPT No matching script. Please use EVAL.", noScript.getMessage());
        }
        try (JedisCluster jc = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", cluster.respPort(1))),
                10_000, 10_000, 5, new ConnectionPoolConfig())) {
            for (String key : EveryShard.keys(cluster, "jc")) {
                assertEquals("v-" + key, jc.eval(SET_AND_GET, List.of(key), List.of("v-" + key)));
                assertEquals("v-" + key, jc.get(key));
            }
        }
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", cluster.respPort(2)));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> lettuce = c.sync();
            String sha = lettuce.scriptLoad("return redis.call('incrby', KEYS[1], ARGV[1])");
            assertEquals(5L, (Long) lettuce.evalsha(sha, ScriptOutputType.INTEGER, new String[] {"lettuce:n"}, "5"));
            assertEquals(7L, (Long) lettuce.eval("return redis.call('incrby', KEYS[1], ARGV[1])",
                    ScriptOutputType.INTEGER, new String[] {"lettuce:n"}, "2"));
            assertEquals(List.of(true), lettuce.scriptExists(sha));
        } finally {
            client.shutdown();
        }
    }

    @Test
    @Order(2)
    void aScriptLoadedThroughOneGatewayRunsThroughEveryOtherAfterALeaderKillAndAFullRestart() throws Exception {
        TestCluster cluster = shared.get();
        List<String> keys = EveryShard.keys(cluster, "script");
        String sha;
        try (Jedis j = cluster.jedis(0)) {
            sha = j.scriptLoad(SET_AND_GET);
        }
        assertEvalshaOnEveryShard(cluster, sha, keys, List.of(1, 2), "first");

        int victim = cluster.nodes.leaderIndex();
        cluster.nodes.kill(victim);
        List<Integer> survivors = List.of((victim + 1) % 3, (victim + 2) % 3);
        assertEvalshaOnEveryShard(cluster, sha, keys, survivors, "after-kill");

        for (int i : survivors) cluster.nodes.kill(i);
        for (int i = 0; i < 3; i++) cluster.nodes.start(i);
        cluster.nodes.awaitServing(TestCluster.TIMEOUT);
        assertEvalshaOnEveryShard(cluster, sha, keys, List.of(0, 1, 2), "after-restart");
    }

    /** EVALSHA of every shard's key through each gateway, retried while an election settles (NOSCRIPT never passes). */
    private static void assertEvalshaOnEveryShard(TestCluster cluster, String sha, List<String> keys,
                                                  List<Integer> gateways, String value) {
        for (int node : gateways) {
            for (String key : keys) {
                String expected = value + "@" + node;
                TestCluster.await("EVALSHA " + sha + " of " + key + " through node " + node + " to answer " + expected,
                        () -> {
                            try (Jedis j = cluster.jedis(node)) {
                                return expected.equals(j.evalsha(sha, List.of(key), List.of(expected)));
                            }
                        });
            }
        }
    }
}
