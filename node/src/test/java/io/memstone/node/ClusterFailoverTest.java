package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.raft.LogPayloadMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Kill the node that is primary for a shard while a cluster client writes: the shard elects a
 * new leader, CLUSTER SLOTS names it, the client follows after refreshing its slot map, and no
 * acknowledged write is lost.
 */
class ClusterFailoverTest {
    private static final String SHARD = "shard-1";

    @Test
    @Timeout(240)
    void clusterClientsFollowANewPrimaryAndLoseNoAcknowledgedWrite() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            TestCluster.await("a leader for " + SHARD, () -> cluster.nodes.leaderIndex(SHARD) >= 0);
            int victim = cluster.nodes.leaderIndex(SHARD);
            int survivor = (victim + 1) % 3;
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger ackedOnShardAfterKill = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                try (JedisCluster jc = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", cluster.respPort(survivor))),
                        5_000, 5_000, 10, new ConnectionPoolConfig())) {
                    for (int i = 0; !stop.get(); i++) {
                        String key = "failover:" + i;
                        try {
                            jc.set(key, "v" + i);
                            acknowledged.put(key, "v" + i);
                            if (killed.get() && onShard(key)) ackedOnShardAfterKill.incrementAndGet();
                        } catch (RuntimeException unavailableForNow) {
                            // may or may not have been applied: not acknowledged, not checked
                        }
                    }
                }
            }, "cluster-writer");
            writer.start();
            try {
                TestCluster.await("writes before the kill", () -> acknowledged.size() >= 300);
                cluster.nodes.kill(victim);
                killed.set(true);
                TestCluster.await("a new leader for " + SHARD, () -> {
                    int leader = cluster.nodes.leaderIndex(SHARD);
                    return leader >= 0 && leader != victim;
                });
                TestCluster.await("acknowledged writes to " + SHARD + " after the kill", () -> ackedOnShardAfterKill.get() >= 100);
            } finally {
                stop.set(true);
                writer.join(30_000);
            }
            try (Jedis j = cluster.jedis(survivor)) {
                int newPrimary = primaryPortOf(j.clusterSlots(), 5461);
                assertNotEquals(cluster.respPort(victim), newPrimary, "CLUSTER SLOTS names the new primary");
                assertEquals(cluster.respPort(cluster.nodes.leaderIndex(SHARD)), newPrimary);
                acknowledged.forEach((k, v) -> assertEquals(v, j.get(k), "acknowledged write of " + k));
            }
            assertTrue(acknowledged.size() > 400, "writes went on: " + acknowledged.size());
        }
    }

    private static boolean onShard(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        return slot >= 5461 && slot <= 10921;
    }

    private static int primaryPortOf(List<Object> slots, int slot) {
        for (Object range : slots) {
            List<?> r = (List<?>) range;
            if ((Long) r.get(0) <= slot && slot <= (Long) r.get(1)) return ((Long) ((List<?>) r.get(2)).get(1)).intValue();
        }
        throw new AssertionError("slot " + slot + " not in CLUSTER SLOTS");
    }
}
