package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import io.memstone.testing.RawClient;
import io.memstone.testing.RedisServerProcess;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/** Three real node processes; real clients through every gateway. */
@Timeout(300)
class ClusterEndToEndTest {
    @RegisterExtension
    static final SharedCluster shared = new SharedCluster();

    @Test
    void everyGatewayWritesAndReadsEveryShardLocallyAndForwarded() {
        EveryShard.assertEveryGatewayWritesAndReadsEveryShard(shared.get(), "gw");
    }

    @Test
    void aWriteTooLargeForOneRaftEntryIsRefusedWholeAndALargeOneIsStored() {
        byte[] large = new byte[20 << 20];
        java.util.Arrays.fill(large, (byte) 'x');
        byte[] tooLarge = new byte[40 << 20];
        try (Jedis j = shared.get().jedis(1)) {
            assertEquals("OK", j.set("huge:stored".getBytes(StandardCharsets.UTF_8), large));
            redis.clients.jedis.exceptions.JedisDataException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    redis.clients.jedis.exceptions.JedisDataException.class,
                    () -> j.set("huge:refused".getBytes(StandardCharsets.UTF_8), tooLarge));
            assertTrue(refused.getMessage().startsWith("ERR the command's arguments take 41943055 bytes"), refused.getMessage());
            assertEquals(20 << 20, j.strlen("huge:stored"));
            assertEquals(false, j.exists("huge:refused"), "nothing of the refused write applied");
            j.del("huge:stored");
        }
        EveryShard.assertEveryGatewayWritesAndReadsEveryShard(shared.get(), "after-huge");
    }

    @Test
    void pipelinedWritesAndReadsReplyInOrder() {
        try (Jedis j = shared.get().jedis(1)) {
            Pipeline p = j.pipelined();
            List<Response<String>> sets = new ArrayList<>();
            List<Response<Long>> incrs = new ArrayList<>();
            List<Response<String>> gets = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                sets.add(p.set("pipe:" + i, "v" + i));
                incrs.add(p.incr("pipe:counter"));
                gets.add(p.get("pipe:" + i));
            }
            p.sync();
            for (int i = 0; i < 500; i++) {
                assertEquals("OK", sets.get(i).get());
                assertEquals(i + 1, incrs.get(i).get(), "INCR #" + i + " in pipeline order");
                assertEquals("v" + i, gets.get(i).get(), "GET after SET in the same pipeline");
            }
        }
    }

    @Test
    void lettuceSpeaksResp3AfterHello() {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", shared.get().respPort(2)));
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertEquals("OK", c.sync().set("lettuce:k", "resp3"));
            assertEquals("resp3", c.sync().get("lettuce:k"));
            assertEquals(7L, c.sync().incrby("lettuce:n", 7));
            assertTrue(c.sync().info("server").contains("redis_version:"), "INFO server over RESP3");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void malformedRequestsGetRedisRepliesApplyNothingAndOtherClientsKeepWorking() throws Exception {
        String[] requests = {
            "*3\r\n$3\r\nSET\r\n$8\r\nbad:bulk\r\n$999999999999\r\n",
            "*3\r\n$3\r\nSET\r\n$8\r\nbad:type\r\n+value\r\n",
            "*2\r\n$3\r\nSET\r\n$9\r\nbad:arity\r\n",
            "SET bad:inline \"unbalanced\r\n",
            "*3\r\n$3\r\nSET\r\n$9\r\nbad:count\r\n$1\r\nv\r\n*-5\r\n",
            "*4\r\n$3\r\nSET\r\n$6\r\nbad:ex\r\n$1\r\nv\r\n$2\r\nEX\r\n",
            "*3\r\n$6\r\nINCRBY\r\n$10\r\nbad:incrby\r\n$3\r\n1.5\r\n",
            "FOOBAR bad:unknown\r\n",
        };
        try (RedisServerProcess redis = RedisServerProcess.start(); Jedis other = shared.get().jedis(0)) {
            other.set("bystander", "before");
            for (String request : requests) {
                byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
                RawClient.Answer expected = RawClient.exchange(redis.port(), bytes);
                RawClient.Answer actual = RawClient.exchange(shared.get().respPort(0), bytes);
                assertEquals(expected, actual, "reply to " + request.replace("\r\n", "\\r\\n"));
            }
            Set<String> applied = other.keys("bad:*");
            assertEquals(Set.of("bad:count"), applied, "only the one well-formed SET may have been applied");
            assertEquals("before", other.get("bystander"), "an open connection keeps working");
        }
    }

    @Test
    void activeExpiryDeletesExpiredKeysThroughTheLogOnEveryReplica() {
        try (Jedis j = shared.get().jedis(0)) {
            long before = j.dbSize();
            for (int i = 0; i < 100; i++) j.psetex("expiring:" + i, 300, "v");
            j.set("expiring:never", "stays");
            // DBSIZE counts expired keys until they are deleted; nobody reads these, so only
            // the leader's active expiry can delete them.
            TestCluster.await("active expiry to delete 100 keys", () -> j.dbSize() == before + 1);
            assertEquals(Set.of("expiring:never"), j.keys("expiring:*"));
        }
        shared.get().awaitReplicasIdentical();
    }

    @Test
    void replicasHoldIdenticalDataAfterMixedWrites() {
        java.util.ArrayDeque<String> list0 = new java.util.ArrayDeque<>();
        try (Jedis j = shared.get().jedis(2)) {
            for (int i = 0; i < 300; i++) {
                j.incrByFloat("mixed:float", 0.1);
                j.append("mixed:append:" + (i % 7), "x" + i);
                j.set("mixed:ttl:" + i, "v", redis.clients.jedis.params.SetParams.setParams().px(600_000 + i));
                if (i % 3 == 0) j.del("mixed:ttl:" + (i / 2));
                j.rpush("mixed:list:" + (i % 5), "e" + i);
                if (i % 5 == 0) list0.addLast("e" + i);
                if (i % 4 == 0) {
                    String popped = j.lpop("mixed:list:" + (i % 5));
                    if (i % 5 == 0) assertEquals(list0.pollFirst(), popped, "LPOP #" + i);
                }
            }
            assertEquals("30", j.get("mixed:float").substring(0, 2), "300 x 0.1 formatted like Redis");
            assertEquals(List.copyOf(list0), j.lrange("mixed:list:0", 0, -1), "list through the log, in order");
        }
        shared.get().awaitReplicasIdentical();
    }
}
