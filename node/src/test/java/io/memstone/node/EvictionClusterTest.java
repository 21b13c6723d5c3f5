package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.raft.LogPayloadMode;
import io.memstone.testing.InfoFields;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * allkeys-lru on a real 3-node cluster: clients writing distinct keys through the gateways keep
 * being acknowledged at maxmemory, while the shard leaders evict through the log; killing a
 * leader in the middle loses no acknowledged write that was not evicted, every shard's data
 * stays under maxmemory, and the replicas end identical.
 */
@Timeout(300)
class EvictionClusterTest {
    /** Per shard: about 250 of the writers' keys, so that evictions start within seconds. */
    private static final long MAXMEMORY = 20_000;

    @Test
    void writesAtMaxmemoryKeepSucceedingThroughALeaderKillAndOnlyEvictedKeysGo() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            try (Jedis j = cluster.jedis(0)) {
                j.configSet("maxmemory-policy", "allkeys-lru");
                j.configSet("maxmemory", Long.toString(MAXMEMORY));
            }
            for (int node = 0; node < 3; node++) {
                try (Jedis j = cluster.jedis(node)) {
                    TestCluster.await("node " + node + " to apply maxmemory",
                            () -> j.configGet("maxmemory").get("maxmemory").equals(Long.toString(MAXMEMORY)));
                }
            }
            int victim = cluster.nodes.leaderIndex("shard-0");
            int survivor = (victim + 1) % 3;
            Writers writers = new Writers(cluster, victim);
            writers.start();
            try (Jedis j = cluster.jedis(survivor)) {
                TestCluster.await("evictions on every shard", () -> evictedPerShard(cluster, survivor).values().stream()
                        .filter(n -> n > 0).count() == 3);
                cluster.nodes.kill(victim);
                writers.awaitEveryShardAcknowledges(200);
                cluster.nodes.start(victim);
                writers.awaitEveryShardAcknowledges(200);
                writers.stop();
                cluster.awaitReplicasIdentical();

                for (int node = 0; node < 3; node++) {
                    for (Map.Entry<String, Double> e : dataBytesPerShard(cluster, node).entrySet()) {
                        assertTrue(e.getValue() <= MAXMEMORY, "node " + node + ", " + e.getKey() + ": " + e.getValue() + " bytes");
                    }
                }
                long missing = 0;
                for (Map.Entry<String, String> e : writers.acknowledged.entrySet()) {
                    String value = j.get(e.getKey());
                    if (value == null) missing++;
                    else assertEquals(e.getValue(), value, "acknowledged SET " + e.getKey());
                }
                long evicted = InfoFields.number(j.info("stats"), "evicted_keys");
                assertTrue(missing > 0, "some acknowledged keys were evicted");
                assertTrue(missing <= evicted, missing + " acknowledged keys missing, " + evicted + " evicted");
            }
        }
    }

    /** memstone_evicted_keys_total per shard, as node {@code node} counts it. */
    private static Map<String, Double> evictedPerShard(TestCluster cluster, int node) throws Exception {
        return perShard(cluster, node, "memstone_evicted_keys_total");
    }

    private static Map<String, Double> dataBytesPerShard(TestCluster cluster, int node) throws Exception {
        return perShard(cluster, node, "memstone_data_bytes");
    }

    private static Map<String, Double> perShard(TestCluster cluster, int node, String metric) throws Exception {
        Map<String, Double> out = new java.util.TreeMap<>();
        cluster.metrics(node).forEach((series, value) -> {
            if (series.startsWith(metric + "{")) out.put(series, value);
        });
        return out;
    }
}
