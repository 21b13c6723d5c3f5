package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import io.memstone.raft.LogPayloadMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/** Three real node processes; real clients through every gateway. */
@Timeout(300)
class ClusterEndToEndTest {
    private static TestCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(LogPayloadMode.ROCKSDB);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    void everyGatewayServesWritesAndReadsOfEveryOther() {
        for (int writer = 0; writer < 3; writer++) {
            try (Jedis j = cluster.jedis(writer)) {
                assertEquals("OK", j.set("gw:" + writer, "written-through-" + writer));
            }
        }
        for (int reader = 0; reader < 3; reader++) {
            try (Jedis j = cluster.jedis(reader)) {
                for (int writer = 0; writer < 3; writer++) {
                    assertEquals("written-through-" + writer, j.get("gw:" + writer),
                            "GET gw:" + writer + " through node " + reader);
                }
            }
        }
    }

    @Test
    void pipelinedWritesAndReadsReplyInOrder() {
        try (Jedis j = cluster.jedis(1)) {
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
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", cluster.respPort(2)));
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
}
