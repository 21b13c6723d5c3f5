package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.proto.admin.GetParametersRequest;
import io.memstone.proto.admin.SetParametersRequest;
import io.memstone.raft.LogPayloadMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * CONFIG GET/SET are the meta group's replicated parameters on a real 3-node cluster: a change
 * made through one gateway (or the admin service) shows on every node, takes effect there
 * (SLOWLOG), survives a restart, and bad values are refused with Redis' words.
 */
class ClusterConfigTest {

    @Test
    @Timeout(240)
    void configSetThroughOneNodeAppliesOnEveryNodeAndSurvivesARestart() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            try (Jedis j = cluster.jedis(0)) {
                // 4gb: above any test node's heap, so no write is refused until the end.
                assertEquals("OK", config(j, "SET", "slowlog-log-slower-than", "0", "maxmemory", "4gb"));
            }
            for (int n = 1; n < 3; n++) {
                int node = n;
                TestCluster.await("node " + node + " to show the change", () -> {
                    try (Jedis j = cluster.jedis(node)) {
                        return configGet(j, "slowlog-log-slower-than").equals("0") && configGet(j, "maxmemory").equals("4294967296");
                    }
                });
            }
            try (Jedis j = cluster.jedis(2)) {
                j.slowlogReset();
                j.set("config:slow", "v");
                assertTrue(j.slowlogGet(10).stream().anyMatch(e -> e.getArgs().equals(List.of("SET", "config:slow", "v"))),
                        "node 2 logs every command once slowlog-log-slower-than 0 was set through node 0: " + j.slowlogGet(10));
            }
            Map<String, String> admin = cluster.admin(1).getParameters(GetParametersRequest.getDefaultInstance()).getParametersMap();
            assertEquals("0", admin.get("slowlog-log-slower-than"), "GetParameters shows CONFIG SET's change");
            assertEquals("4294967296", admin.get("maxmemory"));

            cluster.admin(1).setParameters(SetParametersRequest.newBuilder().putParameters("timeout", "77").build());
            try (Jedis j = cluster.jedis(0)) {
                TestCluster.await("CONFIG GET to show SetParameters' change", () -> configGet(j, "timeout").equals("77"));
                assertEquals("OK", config(j, "SET", "latency-monitor-threshold", "25"));
            }
            TestCluster.await("GetParameters to show CONFIG SET's change", () -> cluster.admin(2)
                    .getParameters(GetParametersRequest.getDefaultInstance()).getParametersOrThrow("latency-monitor-threshold").equals("25"));

            cluster.nodes.kill(2);
            cluster.nodes.start(2);
            TestCluster.await("node 2 to serve again with the parameters", () -> {
                try (Jedis j = cluster.jedis(2)) {
                    return configGet(j, "timeout").equals("77") && configGet(j, "maxmemory").equals("4294967296")
                            && configGet(j, "latency-monitor-threshold").equals("25");
                }
            });

            // A maxmemory below what a shard holding one key uses, set through node 0: node 1 refuses
            // writes that may grow that shard's data (maxmemory is per shard: the keys share a slot),
            // still reads and deletes; lifting it lets writes through again.
            try (Jedis j0 = cluster.jedis(0); Jedis j1 = cluster.jedis(1)) {
                assertEquals("OK", j0.set("{config}kept", "v"));
                assertEquals("OK", config(j0, "SET", "maxmemory", "1"));
                TestCluster.await("node 1 to refuse SET over maxmemory", () -> setOrError(j1).startsWith("OOM "));
                assertEquals("OOM command not allowed when used memory > 'maxmemory'.", setOrError(j1));
                assertEquals("v", j1.get("{config}kept"), "reads go on over maxmemory");
                assertEquals(1, j1.del("{config}kept"), "deletes go on over maxmemory");
                assertEquals("OK", config(j0, "SET", "maxmemory", "0"));
                TestCluster.await("node 1 to accept SET again", () -> setOrError(j1).equals("OK"));
            }
        }
    }

    /** SET's reply on {@code j}, or the error it got. */
    private static String setOrError(Jedis j) {
        try {
            return j.set("{config}grow", "v");
        } catch (JedisDataException e) {
            return e.getMessage();
        }
    }

    @Test
    @Timeout(240)
    void badValuesAreRefusedWithRedisWordsAndAChangeWithoutAMajorityFails() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            try (Jedis j = cluster.jedis(1)) {
                assertRefused(j, "ERR CONFIG SET failed (possibly related to argument 'timeout') - argument must be between 0 and 2147483647 inclusive",
                        "timeout", "-1");
                assertRefused(j, "ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value",
                        "maxmemory", "lots");
                assertRefused(j, "ERR Unknown option or number of arguments for CONFIG SET - 'colour'", "colour", "blue");
                assertEquals("0", configGet(j, "timeout"), "a refused change changes nothing");
            }
            cluster.nodes.kill(1);
            cluster.nodes.kill(2);
            try (Jedis j = new Jedis("127.0.0.1", cluster.respPort(0), (int) (MetaProposer.TIMEOUT_S + 30) * 1000)) {
                JedisDataException e = org.junit.jupiter.api.Assertions.assertThrows(JedisDataException.class,
                        () -> config(j, "SET", "timeout", "5"));
                assertTrue(e.getMessage().startsWith("ERR CONFIG SET failed - "), "CONFIG SET without a meta majority: " + e.getMessage());
            }
        }
    }

    private static void assertRefused(Jedis j, String expected, String name, String value) {
        JedisDataException e = org.junit.jupiter.api.Assertions.assertThrows(JedisDataException.class, () -> config(j, "SET", name, value));
        assertEquals(expected, e.getMessage(), "CONFIG SET " + name + " " + value);
    }

    private static String config(Jedis j, String... args) {
        return SafeEncoder.encode((byte[]) j.sendCommand(Protocol.Command.CONFIG, args));
    }

    private static String configGet(Jedis j, String name) {
        return j.configGet(name).get(name);
    }
}
