package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
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
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;
import redis.clients.jedis.resps.StreamPendingSummary;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Streams on a real 3-node cluster with Jedis' and Lettuce's stream APIs unmodified: every
 * gateway serves XADD, XREAD, XREADGROUP, XACK, XPENDING and XCLAIM on every shard, in RESP2 and
 * RESP3, and the replicas end with equal digests, pending lists included. Then a consumer-group workload through JedisCluster while
 * the leader of the stream's shard is killed: every acknowledged XADD is delivered by {@code >}
 * at most once, and read or still pending (claimable) at the end.
 */
@Timeout(300)
class StreamsClusterTest {
    private static final String SHARD = "shard-1";

    @Test
    void jedisStreamCommandsWorkThroughEveryGatewayAndReplicasAgree() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            for (int node = 0; node < 3; node++) {
                for (String key : EveryShard.keys(cluster, "stream-" + node)) {
                    String where = "node " + node + ", " + key;
                    try (Jedis j = cluster.jedis(node)) {
                        StreamEntryID first = j.xadd(key, StreamEntryID.NEW_ENTRY, Map.of("n", "1"));
                        StreamEntryID second = j.xadd(key, StreamEntryID.NEW_ENTRY, Map.of("n", "2"));
                        assertTrue(second.compareTo(first) > 0, where + ": IDs grow: " + first + ", " + second);
                        assertEquals("OK", j.xgroupCreate(key, "g", new StreamEntryID(0, 0), false), where);
                        var read = j.xreadGroup("g", "alice", XReadGroupParams.xReadGroupParams().count(10),
                                Map.of(key, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
                        List<StreamEntry> entries = read.get(0).getValue();
                        assertEquals(List.of(first, second), entries.stream().map(StreamEntry::getID).toList(), where);
                        assertEquals(Map.of("n", "2"), entries.get(1).getFields(), where);
                        assertEquals(1, j.xack(key, "g", first), where);
                        StreamPendingSummary summary = j.xpending(key, "g");
                        assertEquals(1, summary.getTotal(), where);
                        assertEquals(Map.of("alice", 1L), summary.getConsumerMessageCount(), where);
                        List<StreamEntry> claimed = j.xclaim(key, "g", "bob", 0, XClaimParams.xClaimParams(), second);
                        assertEquals(List.of(second), claimed.stream().map(StreamEntry::getID).toList(), where);
                        List<StreamPendingEntry> pending = j.xpending(key, "g", XPendingParams.xPendingParams().count(10));
                        assertEquals("bob", pending.get(0).getConsumerName(), where);
                        assertEquals(2, pending.get(0).getDeliveredTimes(), where);
                    }
                }
            }
            lettuceReadsStreamsThroughEveryGateway(cluster);
            cluster.awaitReplicasIdentical();
        }
    }

    /**
     * Lettuce speaks RESP3, where XREAD and XREADGROUP answer a map: through the leader's
     * gateway and through a follower's, which gets the reply from the leader between nodes.
     */
    private static void lettuceReadsStreamsThroughEveryGateway(TestCluster cluster) {
        for (int node = 0; node < 3; node++) {
            RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", cluster.respPort(node)));
            client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                RedisCommands<String, String> redis = c.sync();
                for (String key : EveryShard.keys(cluster, "lettuce-stream-" + node)) {
                    String where = "node " + node + ", " + key;
                    String id = redis.xadd(key, Map.of("f", "v"));
                    redis.xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), "g");
                    List<StreamMessage<String, String>> read = redis.xreadgroup(Consumer.from("g", "c"),
                            XReadArgs.StreamOffset.lastConsumed(key));
                    assertEquals(List.of(id), read.stream().map(StreamMessage::getId).toList(), where);
                    assertEquals(Map.of("f", "v"), read.get(0).getBody(), where);
                    List<StreamMessage<String, String>> all = redis.xread(XReadArgs.StreamOffset.from(key, "0"));
                    assertEquals(List.of(key), all.stream().map(StreamMessage::getStream).toList(), where);
                    assertEquals(1, redis.xack(key, "g", id), where);
                }
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void aConsumerGroupLosesNoAcknowledgedEntryWhenTheLeaderIsKilled() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            String key = keyOnShard1();
            TestCluster.await("a leader for " + SHARD, () -> cluster.nodes.leaderIndex(SHARD) >= 0);
            int victim = cluster.nodes.leaderIndex(SHARD);
            int survivor = (victim + 1) % 3;
            try (JedisCluster jc = client(cluster, survivor)) {
                jc.xgroupCreate(key, "g", new StreamEntryID(0, 0), true);
            }
            Map<StreamEntryID, Boolean> added = new ConcurrentHashMap<>();
            Map<StreamEntryID, Integer> delivered = new ConcurrentHashMap<>();
            AtomicInteger addedAfterKill = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean(), stop = new AtomicBoolean();
            Thread producer = new Thread(() -> {
                try (JedisCluster jc = client(cluster, survivor)) {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            added.put(jc.xadd(key, StreamEntryID.NEW_ENTRY, Map.of("n", Integer.toString(i))), true);
                            if (killed.get()) addedAfterKill.incrementAndGet();
                        } catch (RuntimeException unavailableForNow) {
                            // maybe added, not acknowledged: not checked
                        }
                    }
                }
            }, "stream-producer");
            Thread consumer = new Thread(() -> {
                try (JedisCluster jc = client(cluster, survivor)) {
                    while (!stop.get()) consumeOnce(jc, key, delivered);
                }
            }, "stream-consumer");
            producer.start();
            consumer.start();
            try {
                TestCluster.await("entries before the kill", () -> added.size() >= 200 && delivered.size() >= 100);
                cluster.nodes.kill(victim);
                killed.set(true);
                TestCluster.await("a new leader for " + SHARD, () -> {
                    int leader = cluster.nodes.leaderIndex(SHARD);
                    return leader >= 0 && leader != victim;
                });
                TestCluster.await("entries added after the kill", () -> addedAfterKill.get() >= 100);
            } finally {
                stop.set(true);
                producer.join(30_000);
                consumer.join(30_000);
            }
            try (JedisCluster jc = client(cluster, survivor)) {
                while (consumeOnce(jc, key, delivered) > 0) {
                    // drains what the producer added last
                }
                // What was delivered but whose reply was lost in the failover stays pending: claim it.
                var claimed = jc.xautoclaim(key, "g", "recovery", 0, new StreamEntryID(0, 0),
                        redis.clients.jedis.params.XAutoClaimParams.xAutoClaimParams().count(100_000));
                Set<StreamEntryID> recovered = Set.copyOf(claimed.getValue().stream().map(StreamEntry::getID).toList());
                for (StreamEntryID id : added.keySet()) {
                    assertTrue(delivered.containsKey(id) || recovered.contains(id), "acknowledged XADD " + id
                            + " was neither delivered nor pending");
                }
                delivered.forEach((id, times) -> assertEquals(1, times, "entry " + id + " delivered by > more than once"));
            }
            cluster.nodes.start(victim);
            cluster.awaitReplicasIdentical();
            assertTrue(added.size() > 300, "the producer went on: " + added.size());
        }
    }

    /** One XREADGROUP {@code >} and the XACK of what it read; returns how many entries came. */
    private static int consumeOnce(JedisCluster jc, String key, Map<StreamEntryID, Integer> delivered) {
        try {
            var read = jc.xreadGroup("g", "worker", XReadGroupParams.xReadGroupParams().count(50),
                    Map.of(key, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
            if (read == null || read.isEmpty()) return 0;
            List<StreamEntry> entries = read.get(0).getValue();
            for (StreamEntry e : entries) delivered.merge(e.getID(), 1, Integer::sum);
            jc.xack(key, "g", entries.stream().map(StreamEntry::getID).toArray(StreamEntryID[]::new));
            return entries.size();
        } catch (RuntimeException unavailableForNow) {
            return 0; // what it delivered stays pending
        }
    }

    private static JedisCluster client(TestCluster cluster, int node) {
        return new JedisCluster(Set.of(new HostAndPort("127.0.0.1", cluster.respPort(node))), 5_000, 5_000, 10,
                new ConnectionPoolConfig());
    }

    /** A key in the slot range of the second shard (5461-10922 of three equal ranges). */
    private static String keyOnShard1() {
        for (int i = 0; ; i++) {
            int slot = JedisClusterCRC16.getSlot("orders:" + i);
            if (slot >= 5461 && slot <= 10921) return "orders:" + i;
        }
    }
}
