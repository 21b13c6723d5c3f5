package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.protocol.ProtocolVersion;
import io.memstone.proto.admin.GroupStatus;
import io.memstone.proto.admin.HealthReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis Cluster protocol on a real 3-node, 3-shard cluster: cluster clients (JedisCluster,
 * Lettuce's RedisClusterClient, redis-cli -c) learn the slot map and spread keys over every
 * shard, and a plain client of one gateway still reaches every key.
 */
class ClusterProtocolTest {
    @RegisterExtension
    static final SharedCluster SHARED = new SharedCluster();

    private static TestCluster cluster() {
        return SHARED.get();
    }

    @Test
    void clusterSlotsCoverEverySlotOnceWithLeadersSpreadOverTheNodes() {
        TestCluster.await("each node to lead one shard", () -> {
            try (Jedis j = cluster().jedis(1)) {
                return masterPorts(j.clusterSlots()).stream().distinct().count() == 3;
            }
        });
        try (Jedis j = cluster().jedis(2)) {
            BitSet covered = new BitSet();
            for (Object range : j.clusterSlots()) {
                List<?> r = (List<?>) range;
                int first = ((Long) r.get(0)).intValue();
                int last = ((Long) r.get(1)).intValue();
                assertTrue(covered.get(first, last + 1).isEmpty(), "slots " + first + "-" + last + " listed once");
                covered.set(first, last + 1);
                assertEquals(5, r.size(), "a primary and two replicas");
            }
            assertEquals(16384, covered.cardinality(), "no hole");
            String info = j.clusterInfo();
            assertTrue(info.contains("cluster_state:ok\r\n"), info);
            assertTrue(info.contains("cluster_slots_assigned:16384\r\n"), info);
            assertTrue(info.contains("cluster_known_nodes:3\r\n"), info);
            assertTrue(info.contains("cluster_size:3\r\n"), info);
        }
    }

    @Test
    void jedisClusterSpreadsKeysOverEveryShard() throws IOException {
        Map<String, String> written = new HashMap<>();
        try (JedisCluster jc = jedisCluster()) {
            for (int i = 0; i < 300; i++) {
                String key = "jc:" + i;
                jc.set(key, "v" + i);
                written.put(key, "v" + i);
            }
            written.forEach((k, v) -> assertEquals(v, jc.get(k), k));
        }
        for (GroupStatus shard : shardsOf(0)) {
            assertTrue(shard.getKeys() > 0, shard.getGroupId() + " holds some of the keys: " + shard.getKeys());
        }
    }

    @Test
    void lettuceClusterClientOverResp3FollowsTheTopology() {
        RedisClusterClient client = RedisClusterClient.create(RedisURI.create("127.0.0.1", cluster().respPort(1)));
        client.setOptions(ClusterClientOptions.builder().protocolVersion(ProtocolVersion.RESP3)
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(Duration.ofSeconds(1)).enableAllAdaptiveRefreshTriggers().build())
                .build());
        try (StatefulRedisClusterConnection<String, String> c = client.connect()) {
            List<RedisClusterNode> masters = client.getPartitions().stream()
                    .filter(n -> n.is(RedisClusterNode.NodeFlag.UPSTREAM)).toList();
            assertEquals(16384, masters.stream().mapToInt(n -> n.getSlots().size()).sum(), "masters serve every slot");
            for (int i = 0; i < 200; i++) c.sync().set("lettuce:" + i, "v" + i);
            for (int i = 0; i < 200; i++) assertEquals("v" + i, c.sync().get("lettuce:" + i));
            assertEquals("ok", c.sync().clusterInfo().lines().filter(l -> l.startsWith("cluster_state:"))
                    .findFirst().orElseThrow().substring("cluster_state:".length()).trim());
        } finally {
            client.shutdown();
        }
    }

    @Test
    void redisCliInClusterModeFollowsRedirectsAcrossShards() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals("OK", redisCli("-c", "-p", Integer.toString(cluster().respPort(0)), "set", "cli:" + i, "v" + i));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals("v" + i, redisCli("-c", "-p", Integer.toString(cluster().respPort(2)), "get", "cli:" + i));
        }
    }

    @Test
    void aPlainClientOfOneGatewayReachesEveryShardAndScansThemAll() {
        Set<String> keys = IntStream.range(0, 500).mapToObj(i -> "plain:" + i).collect(Collectors.toSet());
        try (Jedis j = cluster().jedis(2)) {
            keys.forEach(k -> j.set(k, k));
            keys.forEach(k -> assertEquals(k, j.get(k)));
            List<String> scanned = new ArrayList<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = j.scan(cursor, new ScanParams().match("plain:*").count(50));
                scanned.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            assertEquals(keys, new HashSet<>(scanned), "SCAN returns every key of every shard");
            assertEquals(scanned.size(), new HashSet<>(scanned).size(), "and each once (no resize happened)");
            assertEquals(keys, j.keys("plain:*"));
            assertTrue(j.dbSize() >= keys.size());
            assertNotNull(j.randomKey());
        }
    }

    @Test
    void slotCommandsCountAndListTheKeysOfASlot() {
        try (Jedis j = cluster().jedis(0)) {
            int slot = (int) j.clusterKeySlot("{tag}a");
            assertEquals(slot, (int) j.clusterKeySlot("{tag}b"));
            assertEquals(12182, j.clusterKeySlot("foo"));
            j.set("{tag}a", "1");
            j.set("{tag}b", "2");
            j.set("{tag}c", "3");
            assertEquals(3, j.clusterCountKeysInSlot(slot));
            assertEquals(Set.of("{tag}a", "{tag}b", "{tag}c"), new HashSet<>(j.clusterGetKeysInSlot(slot, 10)));
            assertEquals(2, j.clusterGetKeysInSlot(slot, 2).size());
            assertEquals(List.of("1", "2"), j.mget("{tag}a", "{tag}b"), "same-slot multi-key commands work");
            String crossSlot = errorOf(() -> j.mget("a", "b"));
            assertEquals("CROSSSLOT Keys in request don't hash to the same slot", crossSlot);
            assertEquals("ERR Invalid slot", errorOf(() -> j.clusterCountKeysInSlot(16384)));
            assertEquals("ERR Invalid slot or number of keys", errorOf(() -> j.clusterGetKeysInSlot(0, -1)));
            assertEquals("ERR value is not an integer or out of range",
                    errorOf(() -> j.sendCommand(redis.clients.jedis.Protocol.Command.CLUSTER, "countkeysinslot", "x")));
        }
    }

    @Test
    void nodesAndIdsDescribeTheSameCluster() {
        try (Jedis j = cluster().jedis(1)) {
            String myId = j.clusterMyId();
            assertEquals(40, myId.length());
            List<String> lines = j.clusterNodes().lines().toList();
            assertEquals(3, lines.size());
            String mine = lines.stream().filter(l -> l.contains("myself")).findFirst().orElseThrow();
            assertTrue(mine.startsWith(myId + " 127.0.0.1:" + cluster().respPort(1) + "@"), mine);
            String shardId = new String((byte[]) j.sendCommand(redis.clients.jedis.Protocol.Command.CLUSTER, "myshardid"),
                    StandardCharsets.UTF_8);
            assertEquals(40, shardId.length());
            List<?> shards = (List<?>) j.sendCommand(redis.clients.jedis.Protocol.Command.CLUSTER, "shards");
            assertEquals(3, shards.size());
        }
    }

    @Test
    void readOnlyConnectionsReadTheirReplica() {
        try (Jedis writer = cluster().jedis(0); Jedis reader = cluster().jedis(1)) {
            writer.set("replica-read", "v1");
            assertEquals("OK", reader.readonly());
            TestCluster.await("the replica to apply the write", () -> "v1".equals(reader.get("replica-read")));
            assertEquals("OK", reader.readwrite());
            assertEquals("v1", reader.get("replica-read"));
            assertEquals("OK", reader.asking());
        }
    }

    private static JedisCluster jedisCluster() {
        return new JedisCluster(Set.of(new HostAndPort("127.0.0.1", cluster().respPort(0))), 10_000, 10_000, 5,
                new ConnectionPoolConfig());
    }

    private static List<Integer> masterPorts(List<Object> slots) {
        return slots.stream().map(r -> ((Long) ((List<?>) ((List<?>) r).get(2)).get(1)).intValue()).toList();
    }

    /** The shard groups node i holds, with their key counts. */
    private static List<GroupStatus> shardsOf(int node) {
        HealthReply h = cluster().nodes.health(cluster().nodes.configs().get(node), true);
        return h.getGroupsList().stream().filter(g -> g.getGroupId().startsWith("shard-")).toList();
    }

    private static String errorOf(Runnable r) {
        try {
            r.run();
        } catch (redis.clients.jedis.exceptions.JedisDataException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an error reply");
    }

    private static String redisCli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        return out;
    }
}
