package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
 * Functions on three real node processes (three shards): FUNCTION LOAD through one gateway
 * reaches every shard's log, so FCALL through every other gateway runs on keys of every shard,
 * after a leader is killed and after every node restarts (the libraries are in the snapshots
 * and the logs); unmodified Jedis function calls work. The failover test runs last: it kills
 * and restarts the shared cluster.
 */
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionsEndToEndTest {
    @RegisterExtension
    static final SharedCluster shared = new SharedCluster();

    /** Idempotent, so a retried call during an election cannot change what it answers. */
    private static final String LIBRARY = "#!lua name=e2e\n"
            + "redis.register_function('setget', function(keys, args) redis.call('set', keys[1], args[1]) return redis.call('get', keys[1]) end)\n"
            + "redis.register_function{function_name='peek', callback=function(keys) return redis.call('get', keys[1]) end, flags={'no-writes'}}";

    @Test
    @Order(1)
    void jedisFunctionCallsWorkThroughPlainAndClusterClients() {
        TestCluster cluster = shared.get();
        try (Jedis j = cluster.jedis(0)) {
            assertEquals("jedislib", j.functionLoad("#!lua name=jedislib\nredis.register_function('plus', function(keys, args) return #keys + args[1] end)"));
            assertEquals(5L, j.fcall("plus", List.of("{t}a", "{t}b"), List.of("3")));
            assertEquals("jedislib", j.functionLoadReplace("#!lua name=jedislib\nredis.register_function('plus', function(keys, args) return 10 + args[1] end)"));
            assertEquals(11L, j.fcall("plus", List.of(), List.of("1")));
            assertEquals("jedislib", j.functionList("jedislib").get(0).getLibraryName());
            JedisDataException missing = assertThrows(JedisDataException.class, () -> j.fcall("nosuch", List.of(), List.of()));
            assertEquals("ERR Function not found", missing.getMessage());
            assertEquals("OK", j.functionDelete("jedislib"));
        }
        try (Jedis j = cluster.jedis(1)) {
            JedisDataException deleted = assertThrows(JedisDataException.class, () -> j.fcall("plus", List.of(), List.of("1")));
            assertEquals("ERR Function not found", deleted.getMessage(), "FUNCTION DELETE reached every shard");
            j.functionLoad(LIBRARY);
        }
        try (JedisCluster jc = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", cluster.respPort(2))),
                10_000, 10_000, 5, new ConnectionPoolConfig())) {
            for (String key : EveryShard.keys(cluster, "jcf")) {
                assertEquals("v-" + key, jc.fcall("setget", List.of(key), List.of("v-" + key)));
                assertEquals("v-" + key, jc.fcallReadonly("peek", List.of(key), List.of()));
            }
        }
        try (Jedis j = cluster.jedis(0)) {
            assertEquals("OK", j.functionFlush());
        }
    }

    @Test
    @Order(2)
    void aLibraryLoadedThroughOneGatewayRunsThroughEveryOtherAfterALeaderKillAndAFullRestart() throws Exception {
        TestCluster cluster = shared.get();
        List<String> keys = EveryShard.keys(cluster, "function");
        try (Jedis j = cluster.jedis(0)) {
            j.functionLoad(LIBRARY);
        }
        assertFcallOnEveryShard(cluster, keys, List.of(1, 2), "first");

        int victim = cluster.nodes.leaderIndex();
        cluster.nodes.kill(victim);
        List<Integer> survivors = List.of((victim + 1) % 3, (victim + 2) % 3);
        assertFcallOnEveryShard(cluster, keys, survivors, "after-kill");

        for (int i : survivors) cluster.nodes.kill(i);
        for (int i = 0; i < 3; i++) cluster.nodes.start(i);
        cluster.nodes.awaitServing(TestCluster.TIMEOUT);
        assertFcallOnEveryShard(cluster, keys, List.of(0, 1, 2), "after-restart");
    }

    /** FCALL of every shard's key through each gateway, retried while an election settles ("Function not found" never passes). */
    private static void assertFcallOnEveryShard(TestCluster cluster, List<String> keys, List<Integer> gateways, String value) {
        for (int node : gateways) {
            for (String key : keys) {
                String expected = value + "@" + node;
                TestCluster.await("FCALL setget of " + key + " through node " + node + " to answer " + expected, () -> {
                    try (Jedis j = cluster.jedis(node)) {
                        return expected.equals(j.fcall("setget", List.of(key), List.of(expected)))
                                && expected.equals(j.fcallReadonly("peek", List.of(key), List.of()));
                    }
                });
            }
        }
    }
}
