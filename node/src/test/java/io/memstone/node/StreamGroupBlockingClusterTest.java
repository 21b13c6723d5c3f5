package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.raft.LogPayloadMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A consumer group per shard on a real 3-node cluster: consumers blocked in XREADGROUP ... BLOCK
 * through both gateways that stay up, producers XADDing through them, and the leader of one
 * shard killed once while consumers wait. Every acknowledged XADD is delivered to exactly one
 * consumer and acknowledged, none is left pending; an XADD that failed is delivered at most once.
 * A consumer whose read failed first reads its own pending entries (ID 0), as a Redis consumer
 * restarting does: an entry served by a try whose reply was lost is found there.
 */
class StreamGroupBlockingClusterTest {
    private static final String SHARD = "shard-1";
    private static final int CONSUMERS_PER_GATEWAY = 2;
    private static final int PER_STREAM = 300;

    @Test
    @Timeout(300)
    void everyEntryGoesToOneBlockedConsumerThroughALeaderKill() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            List<String> streams = EveryShard.keys(cluster, "events");
            TestCluster.await("a leader for " + SHARD, () -> cluster.nodes.leaderIndex(SHARD) >= 0);
            int victim = cluster.nodes.leaderIndex(SHARD);
            List<Integer> gateways = List.of((victim + 1) % 3, (victim + 2) % 3);
            try (Jedis j = cluster.jedis(gateways.get(0))) {
                for (String s : streams) j.xgroupCreate(s, "g", StreamEntryID.XGROUP_LAST_ENTRY, true);
            }

            Deliveries deliveries = new Deliveries();
            AtomicBoolean consuming = new AtomicBoolean(true);
            List<Thread> consumers = new ArrayList<>();
            for (int g : gateways) {
                for (String s : streams) {
                    for (int c = 0; c < CONSUMERS_PER_GATEWAY; c++) {
                        String name = "c-" + g + "-" + s + "-" + c;
                        consumers.add(Deliveries.start(name, () -> consume(cluster, g, s, name, consuming, deliveries)));
                    }
                }
            }
            TestCluster.await("consumers blocked on both gateways", () -> gateways.stream()
                    .allMatch(g -> BlockingQueueClusterTest.blockedClients(cluster, g) == streams.size() * CONSUMERS_PER_GATEWAY));
            List<Thread> producers = new ArrayList<>();
            for (int k = 0; k < streams.size(); k++) {
                int g = gateways.get(k % 2);
                String s = streams.get(k);
                producers.add(Deliveries.start("producer-" + s, () -> produce(cluster, g, s, deliveries)));
            }
            try {
                TestCluster.await("deliveries before the kill", () -> deliveries.receptions() >= PER_STREAM);
                cluster.nodes.kill(victim);
                TestCluster.await("a new leader for " + SHARD, () -> {
                    int leader = cluster.nodes.leaderIndex(SHARD);
                    return leader >= 0 && leader != victim;
                });
                for (Thread p : producers) p.join(240_000);
                TestCluster.await("every added entry delivered", deliveries::everySentReceived);
                try (Jedis j = cluster.jedis(gateways.get(0))) {
                    for (String s : streams) {
                        TestCluster.await("nothing pending in " + s, () -> j.xpending(s, "g").getTotal() == 0);
                    }
                }
            } finally {
                consuming.set(false);
                for (Thread t : consumers) t.join(30_000);
            }
            deliveries.assertReceivedOnce();
            assertTrue(deliveries.sentCount() >= PER_STREAM * streams.size() - 50, "XADDs acknowledged: " + deliveries.sentCount());
        }
    }

    private static void produce(TestCluster cluster, int gateway, String stream, Deliveries deliveries) {
        try (Jedis j = cluster.jedis(gateway)) {
            for (int i = 0; i < PER_STREAM; i++) {
                String element = stream + "/" + i;
                try {
                    j.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("e", element));
                    deliveries.sent(element);
                } catch (RuntimeException failedDuringFailover) {
                    deliveries.maybeSent(element);
                }
            }
        }
    }

    /**
     * XREADGROUP BLOCK with {@code >} until told to stop, every entry counted then acknowledged.
     * After an error (a failover), a new connection reads the consumer's pending entries first:
     * those it counted but could not acknowledge, and any served by a try whose reply was lost.
     */
    private static void consume(TestCluster cluster, int gateway, String stream, String consumer, AtomicBoolean consuming,
                                Deliveries deliveries) {
        Set<String> counted = new HashSet<>();
        boolean pendingFirst = false;
        while (consuming.get()) {
            try (Jedis j = cluster.jedis(gateway)) {
                while (consuming.get()) {
                    var read = pendingFirst
                            ? j.xreadGroup("g", consumer, XReadGroupParams.xReadGroupParams(), Map.of(stream, new StreamEntryID(0, 0)))
                            : j.xreadGroup("g", consumer, XReadGroupParams.xReadGroupParams().count(10).block(500),
                                    Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
                    pendingFirst = false;
                    if (read == null) continue;
                    for (StreamEntry e : read.get(0).getValue()) {
                        String element = e.getFields().get("e");
                        if (counted.add(element)) deliveries.received(element);
                        j.xack(stream, "g", e.getID());
                    }
                }
            } catch (RuntimeException errorDuringFailover) {
                pendingFirst = true;
            }
        }
    }
}
