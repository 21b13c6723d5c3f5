package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.JedisShardedPubSub;

/**
 * Pub/Sub across a real 3-node cluster: a PUBLISH on one node reaches the subscribers of every
 * node and counts them all, PUBSUB answers for the whole cluster, and unmodified clients
 * (Jedis, Lettuce over RESP3, redis-cli, JedisCluster's sharded Pub/Sub) work.
 */
@Timeout(300)
class ClusterPubSubTest {
    private static final long WAIT_SECONDS = TestCluster.TIMEOUT.toSeconds();

    @RegisterExtension
    static final SharedCluster shared = new SharedCluster();

    private static final ExecutorService subscribers = Executors.newCachedThreadPool();

    @AfterAll
    static void stopSubscribers() {
        subscribers.shutdownNow();
    }

    @Test
    void publishOnOneNodeReachesSubscribersOnEveryNodeAndCountsThem() throws Exception {
        TestCluster cluster = shared.get();
        BlockingQueue<String> onNode1 = new LinkedBlockingQueue<>();
        BlockingQueue<String> onNode2 = new LinkedBlockingQueue<>();
        JedisPubSub sub1 = jedisSubscriber(cluster.jedis(1), onNode1, "news");
        JedisPubSub sub2 = jedisSubscriber(cluster.jedis(2), onNode2, "news");
        RedisClient lettuce = RedisClient.create(RedisURI.create("127.0.0.1", cluster.respPort(2)));
        try (StatefulRedisPubSubConnection<String, String> patterns = lettuce.connectPubSub();
                Jedis publisher = cluster.jedis(0)) {
            BlockingQueue<String> onPattern = new LinkedBlockingQueue<>();
            patterns.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    onPattern.add(pattern + " " + channel + " " + message);
                }
            });
            patterns.sync().psubscribe("ne*");

            TestCluster.await("both subscribers counted by node 0",
                    () -> publisher.pubsubNumSub("news").get("news") == 2 && publisher.pubsubNumPat() == 1);
            assertEquals(List.of("news"), publisher.pubsubChannels("n*"), "PUBSUB CHANNELS on node 0");
            assertEquals(3, publisher.publish("news", "hello"), "receivers of PUBLISH on node 0: two channel subscribers and one pattern");
            assertEquals("hello", onNode1.poll(WAIT_SECONDS, TimeUnit.SECONDS), "subscriber on node 1");
            assertEquals("hello", onNode2.poll(WAIT_SECONDS, TimeUnit.SECONDS), "subscriber on node 2");
            assertEquals("ne* news hello", onPattern.poll(WAIT_SECONDS, TimeUnit.SECONDS), "Lettuce RESP3 pattern subscriber on node 2");
            assertEquals(0, publisher.publish("nobody-listens", "x"));
        } finally {
            sub1.unsubscribe();
            sub2.unsubscribe();
            lettuce.shutdown();
        }
        try (Jedis j = cluster.jedis(0)) {
            TestCluster.await("closed subscriptions to leave every node's count", () -> j.pubsubNumSub("news").get("news") == 0);
        }
    }

    /** gRPC refuses messages over 4 MB unless told otherwise; Redis takes up to proto-max-bulk-len. */
    @Test
    void aMessageOverGrpcsDefaultSizeReachesTheOtherNodes() throws Exception {
        TestCluster cluster = shared.get();
        byte[] big = new byte[8 << 20];
        java.util.Arrays.fill(big, (byte) 'b');
        byte[] channel = "big".getBytes(StandardCharsets.UTF_8);
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        redis.clients.jedis.BinaryJedisPubSub sub = new redis.clients.jedis.BinaryJedisPubSub() {
            @Override
            public void onMessage(byte[] ch, byte[] message) {
                received.add(message);
            }
        };
        Jedis subscriber = cluster.jedis(1);
        subscribers.submit(() -> {
            try (subscriber) {
                subscriber.subscribe(sub, channel);
            }
        });
        try (Jedis publisher = cluster.jedis(0)) {
            TestCluster.await("subscriber on node 1 counted", () -> publisher.pubsubNumSub("big").get("big") == 1);
            assertEquals(1, publisher.publish(channel, big), "receivers of an 8 MB message");
            assertTrue(java.util.Arrays.equals(big, received.poll(WAIT_SECONDS, TimeUnit.SECONDS)), "the 8 MB message, intact");
        } finally {
            sub.unsubscribe();
        }
    }

    /**
     * A subscriber on node 1 that never reads while node 0 floods it over the bus: node 1 cuts
     * it off at the configured pubsub limit instead of buffering without bound, and serves on.
     */
    @Test
    void aSubscriberThatNeverReadsIsCutOffAtTheConfiguredLimit() throws Exception {
        TestCluster cluster = shared.get();
        long limit = 4L << 20;
        byte[] payload = new byte[64 * 1024];
        java.util.Arrays.fill(payload, (byte) 'p');
        try (Jedis publisher = cluster.jedis(0); java.net.Socket silent = new java.net.Socket()) {
            assertEquals("OK", publisher.configSet("client-output-buffer-limit", "pubsub " + limit + " 0 0"));
            try (Jedis node1 = cluster.jedis(1)) {
                TestCluster.await("the limit replicated to node 1",
                        () -> node1.configGet("client-output-buffer-limit").get("client-output-buffer-limit").contains("pubsub " + limit + " "));
            }
            silent.setReceiveBufferSize(4096);
            silent.connect(new java.net.InetSocketAddress("127.0.0.1", cluster.respPort(1)));
            silent.getOutputStream().write("*2\r\n$9\r\nSUBSCRIBE\r\n$5\r\nflood\r\n".getBytes(StandardCharsets.US_ASCII));
            silent.getOutputStream().flush();
            TestCluster.await("the silent subscriber counted", () -> publisher.pubsubNumSub("flood").get("flood") == 1);
            long published = 0;
            while (published < limit + (64 << 20) && publisher.publish("flood".getBytes(StandardCharsets.UTF_8), payload) == 1) {
                published += payload.length;
            }
            assertTrue(published >= limit && published < limit + (16 << 20),
                    "cut off after " + published + " bytes published; limit " + limit);
            try (Jedis node1 = cluster.jedis(1)) {
                assertEquals("PONG", node1.ping(), "node 1 serves on");
            }
        } finally {
            try (Jedis j = cluster.jedis(0)) {
                j.configSet("client-output-buffer-limit", "pubsub 32mb 8mb 60");
            }
        }
    }

    @Test
    void redisCliSubscribeReceivesWhatAnotherNodePublishes() throws Exception {
        TestCluster cluster = shared.get();
        Process cli = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(cluster.respPort(2)),
                "SUBSCRIBE", "cli-channel").redirectErrorStream(true).start();
        try (Jedis publisher = cluster.jedis(0)) {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            subscribers.submit(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) lines.add(line);
                }
                return null;
            });
            TestCluster.await("redis-cli subscribed", () -> publisher.pubsubNumSub("cli-channel").get("cli-channel") == 1);
            assertEquals(1, publisher.publish("cli-channel", "from node 0"));
            List<String> expected = List.of("subscribe", "cli-channel", "1", "message", "cli-channel", "from node 0");
            for (String line : expected) assertEquals(line, lines.poll(WAIT_SECONDS, TimeUnit.SECONDS), "redis-cli output");
        } finally {
            cli.destroy();
            cli.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shardedPublishThroughAClusterClientReachesShardSubscribers() throws Exception {
        TestCluster cluster = shared.get();
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        JedisShardedPubSub sub = new JedisShardedPubSub() {
            @Override
            public void onSMessage(String channel, String message) {
                received.add(channel + " " + message);
            }
        };
        try (JedisCluster jc = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", cluster.respPort(0))), 10_000, 10_000, 5,
                new ConnectionPoolConfig()); Jedis plain = cluster.jedis(1)) {
            subscribers.submit(() -> jc.ssubscribe(sub, "orders{7}"));
            TestCluster.await("shard subscriber counted",
                    () -> plain.pubsubShardNumSub("orders{7}").get("orders{7}") == 1);
            assertEquals(Map.of("orders{7}", 0L), plain.pubsubNumSub("orders{7}"), "a shard channel is not a classic one");
            assertEquals(1, jc.spublish("orders{7}", "o1"), "SPUBLISH receivers");
            assertEquals("orders{7} o1", received.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(1L, plain.sendCommand(redis.clients.jedis.Protocol.Command.SPUBLISH, "orders{7}", "o2"), "SPUBLISH through any gateway reaches the shard's subscribers");
            assertEquals("orders{7} o2", received.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(plain.pubsubShardChannels("orders*").contains("orders{7}"));
        } finally {
            sub.sunsubscribe();
        }
    }

    @Test
    void lettuceClusterShardedPubSubWorksUnmodified() throws Exception {
        TestCluster cluster = shared.get();
        io.lettuce.core.cluster.RedisClusterClient client = io.lettuce.core.cluster.RedisClusterClient.create(
                RedisURI.create("127.0.0.1", cluster.respPort(0)));
        try (io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection<String, String> sub = client.connectPubSub();
                io.lettuce.core.cluster.api.StatefulRedisClusterConnection<String, String> pub = client.connect()) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            sub.addListener(new io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter<>() {
                @Override
                public void smessage(io.lettuce.core.cluster.models.partitions.RedisClusterNode node, String channel, String message) {
                    received.add(channel + " " + message);
                }
            });
            sub.sync().ssubscribe("lettuce{3}");
            assertEquals(1L, pub.sync().spublish("lettuce{3}", "l1"), "SPUBLISH receivers");
            assertEquals("lettuce{3} l1", received.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        } finally {
            client.shutdown();
        }
    }

    /** Subscribes on a thread of its own (Jedis' subscribe blocks); the messages go to {@code into}. */
    private static JedisPubSub jedisSubscriber(Jedis jedis, BlockingQueue<String> into, String channel) {
        JedisPubSub sub = new JedisPubSub() {
            @Override
            public void onMessage(String ch, String message) {
                into.add(message);
            }
        };
        subscribers.submit(() -> {
            try (jedis) {
                jedis.subscribe(sub, channel);
            }
        });
        return sub;
    }
}
