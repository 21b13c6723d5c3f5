package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.raft.LogPayloadMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A queue on a real 3-node cluster: consumers blocked on BRPOP through both gateways that stay
 * up (one of them forwards to the shard's leader, after the failover one leads it) while
 * producers LPUSH unique elements, and the shard's leader is killed once in between. Every
 * element pushed is delivered exactly once and none is left; an element whose push failed is
 * delivered at most once. Consumers are not on the killed node: a pop on its way to a client
 * whose connection dies is lost in Redis too. And clients blocked on a key on every gateway stay
 * blocked while the key's slot moves to another shard, then are served by pushes there.
 */
class BlockingQueueClusterTest {
    private static final String SHARD = "shard-1";
    private static final int CONSUMERS_PER_GATEWAY = 5;
    private static final int PER_PRODUCER = 1500;

    @Test
    @Timeout(300)
    void everyPushedElementIsPoppedExactlyOnceThroughALeaderKill() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            String queue = keyOnShard1();
            TestCluster.await("a leader for " + SHARD, () -> cluster.nodes.leaderIndex(SHARD) >= 0);
            int victim = cluster.nodes.leaderIndex(SHARD);
            List<Integer> gateways = List.of((victim + 1) % 3, (victim + 2) % 3);

            Deliveries deliveries = new Deliveries();
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicBoolean consuming = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int g : gateways) {
                for (int c = 0; c < CONSUMERS_PER_GATEWAY; c++) {
                    threads.add(Deliveries.start("consumer-" + g + "-" + c, () -> consume(cluster, g, queue, consuming, deliveries)));
                }
            }
            List<Thread> producers = new ArrayList<>();
            for (int g : gateways) {
                producers.add(Deliveries.start("producer-" + g, () -> produce(cluster, g, queue, deliveries)));
            }
            try {
                TestCluster.await("deliveries before the kill", () -> deliveries.receptions() >= PER_PRODUCER / 2);
                cluster.nodes.kill(victim);
                TestCluster.await("a new leader for " + SHARD, () -> {
                    int leader = cluster.nodes.leaderIndex(SHARD);
                    return leader >= 0 && leader != victim;
                });
                for (Thread p : producers) p.join(240_000);
                producing.set(false);
                TestCluster.await("every pushed element delivered", deliveries::everySentReceived);
                try (Jedis j = cluster.jedis(gateways.get(0))) {
                    TestCluster.await("the queue drained", () -> j.llen(queue) == 0);
                }
            } finally {
                producing.set(false);
                consuming.set(false);
                for (Thread t : threads) t.join(30_000);
            }
            deliveries.assertReceivedOnce();
            assertTrue(deliveries.sentCount() >= PER_PRODUCER * 2 - 50, "pushes acknowledged: " + deliveries.sentCount());
        }
    }

    @Test
    @Timeout(240)
    void clientsBlockedOnAKeyWhoseSlotMovesAreServedByItsNewShard() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            String key = keyIn(0, 5460);
            int slot = JedisClusterCRC16.getSlot(key);
            List<java.util.concurrent.CompletableFuture<List<String>>> popped = new ArrayList<>();
            List<Jedis> consumers = new ArrayList<>();
            for (int node = 0; node < 3; node++) {
                Jedis j = cluster.jedis(node);
                consumers.add(j);
                popped.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> j.brpop(0, key)));
                int n = node;
                TestCluster.await("a client blocked on node " + n, () -> blockedClients(cluster, n) == 1);
            }
            try {
                List<io.memstone.proto.admin.Progress> steps = AdminServiceTest.drain(cluster.admin(1)
                        .withDeadlineAfter(120, java.util.concurrent.TimeUnit.SECONDS)
                        .moveSlots(io.memstone.proto.admin.MoveSlotsRequest.newBuilder()
                                .addRanges(io.memstone.proto.admin.SlotRangeSpec.newBuilder().setFirst(slot).setLast(slot))
                                .setToShard("shard-1").build()));
                String last = steps.get(steps.size() - 1).getStep();
                assertTrue(last.contains(": done"), "the move ended: " + steps);
                for (int node = 0; node < 3; node++) assertEquals(1, blockedClients(cluster, node), "still blocked on node " + node);
                try (Jedis producer = cluster.jedis(0)) {
                    producer.lpush(key, "a", "b", "c");
                    Set<String> got = new HashSet<>();
                    for (var p : popped) got.add(p.get(60, java.util.concurrent.TimeUnit.SECONDS).get(1));
                    assertEquals(Set.of("a", "b", "c"), got, "each blocked client got one element");
                    assertEquals(0, producer.llen(key));
                }
            } finally {
                consumers.forEach(Jedis::close);
            }
        }
    }

    static int blockedClients(TestCluster cluster, int node) {
        try (Jedis j = cluster.jedis(node)) {
            String info = j.info("clients");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("blocked_clients:(\\d+)").matcher(info);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }
    }

    private static void produce(TestCluster cluster, int gateway, String queue, Deliveries deliveries) {
        try (Jedis j = cluster.jedis(gateway)) {
            for (int i = 0; i < PER_PRODUCER; i++) {
                String element = "g" + gateway + "-" + i;
                try {
                    j.lpush(queue, element);
                    deliveries.sent(element);
                } catch (RuntimeException failedDuringFailover) {
                    deliveries.maybeSent(element);
                }
            }
        }
    }

    /** BRPOP with a short timeout, until told to stop: what it pops is counted. */
    private static void consume(TestCluster cluster, int gateway, String queue, AtomicBoolean consuming,
                                Deliveries deliveries) {
        try (Jedis j = cluster.jedis(gateway)) {
            while (consuming.get()) {
                List<String> popped;
                try {
                    popped = j.brpop(1, queue);
                } catch (RuntimeException errorDuringFailover) {
                    continue;
                }
                if (popped == null) continue;
                deliveries.received(popped.get(1));
            }
        }
    }

    private static String keyOnShard1() {
        return keyIn(5461, 10922);
    }

    private static String keyIn(int firstSlot, int lastSlot) {
        for (int i = 0; ; i++) {
            String key = "queue:" + i;
            int slot = JedisClusterCRC16.getSlot(key);
            if (slot >= firstSlot && slot <= lastSlot) return key;
        }
    }
}
