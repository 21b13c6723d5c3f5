package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.proto.admin.GroupStatus;
import io.memstone.proto.admin.HealthReply;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

/**
 * Six nodes in three zones, six shards: each shard is a Raft group on three nodes of distinct
 * zones, each node leads one, and a node answers CLUSTER SLOTS with the primaries of shards it
 * holds no replica of (the meta group records every shard's leader).
 */
class SixNodeClusterTest {

    @Test
    @Timeout(300)
    void shardsOfThreeReplicasInDistinctZonesServeClusterClients() throws Exception {
        try (TestCluster cluster = new TestCluster(6, LocalCluster.Settings.DEFAULT.withShards(6))) {
            Map<String, Set<String>> zonesByShard = new HashMap<>();
            Map<String, Integer> replicas = new HashMap<>();
            for (NodeConfig c : cluster.nodes.configs()) {
                HealthReply h = cluster.nodes.health(c, false);
                for (GroupStatus g : h.getGroupsList()) {
                    if (!g.getGroupId().startsWith("shard-")) continue;
                    zonesByShard.computeIfAbsent(g.getGroupId(), k -> new HashSet<>()).add(c.self().zone());
                    replicas.merge(g.getGroupId(), 1, Integer::sum);
                }
            }
            assertEquals(6, replicas.size(), "six shard groups");
            replicas.forEach((shard, n) -> assertEquals(3, n, shard + " has three replicas"));
            zonesByShard.forEach((shard, zones) -> assertEquals(3, zones.size(), shard + " spans three zones"));

            TestCluster.await("every node to name six distinct primaries", () -> {
                for (int node = 0; node < 6; node++) {
                    try (Jedis j = cluster.jedis(node)) {
                        if (!j.clusterInfo().contains("cluster_state:ok")) return false;
                        List<Integer> primaries = j.clusterSlots().stream()
                                .map(r -> ((Long) ((List<?>) ((List<?>) r).get(2)).get(1)).intValue()).toList();
                        if (new HashSet<>(primaries).size() != 6) return false;
                    }
                }
                return true;
            });
            try (JedisCluster jc = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", cluster.respPort(5))),
                    10_000, 10_000, 5, new ConnectionPoolConfig())) {
                for (int i = 0; i < 300; i++) jc.set("six:" + i, "v" + i);
                for (int i = 0; i < 300; i++) assertEquals("v" + i, jc.get("six:" + i));
            }
            try (Jedis plain = cluster.jedis(0)) {
                assertTrue(plain.keys("six:*").size() == 300, "a plain client sees every shard's keys");
            }
        }
    }
}
