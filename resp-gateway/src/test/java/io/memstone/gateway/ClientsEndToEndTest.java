package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/** Real client libraries against the gateway over a real engine. */
class ClientsEndToEndTest {
    @RegisterExtension
    static final TestGateway gateway = new TestGateway();

    private static Jedis jedis() {
        return new Jedis("127.0.0.1", gateway.port(), 5000);
    }

    @Test
    void jedisSetThenGet() {
        try (Jedis j = jedis()) {
            assertEquals("OK", j.set("jedis:k", "v1"));
            assertEquals("v1", j.get("jedis:k"));
            assertEquals("PONG", j.ping());
        }
    }

    @Test
    void pipelinedMixedReadsAndWritesAnswerInOrderAndReadTheirWrites() {
        try (Jedis j = jedis()) {
            Pipeline p = j.pipelined();
            List<Response<String>> gets = new ArrayList<>();
            List<Response<Long>> incrs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                p.set("pipe:" + i, "v" + i);
                p.set("pipe:" + i, "w" + i);
                gets.add(p.get("pipe:" + i));
                incrs.add(p.incr("pipe:counter"));
            }
            Response<Long> dbsize = p.dbSize();
            p.sync();
            for (int i = 0; i < 500; i++) {
                assertEquals("w" + i, gets.get(i).get(), "GET pipe:" + i + " after two pipelined SETs");
                assertEquals(i + 1L, incrs.get(i).get(), "INCR pipe:counter, call " + (i + 1));
            }
            assertTrue(dbsize.get() >= 501, "DBSIZE at the end of the pipeline counts its keys");
        }
    }

    @Test
    void keylessCommandsAndInfoKeyspaceSeeTheData() {
        try (Jedis j = jedis()) {
            j.set("keyless:a", "1");
            assertTrue(j.dbSize() >= 1, "DBSIZE after a SET");
            assertTrue(j.keys("keyless:*").contains("keyless:a"), "KEYS keyless:*");
            String keyspace = j.info("keyspace");
            assertTrue(keyspace.startsWith("# Keyspace\r\ndb0:keys="), "INFO keyspace was " + keyspace);
            assertTrue(j.info().contains("# Raft\r\nraft_role:leader\r\n"), "INFO has the Raft section");
        }
    }

    /** One shard serves every slot, so multi-key commands take any keys, as standalone Redis does. */
    @Test
    void multiKeyCommandsTakeAnyKeysWithOneShard() {
        try (Jedis j = jedis()) {
            j.mset("foo", "1", "bar", "2");
            assertEquals(List.of("1", "2"), j.mget("foo", "bar"), "MGET of keys in different slots");
            j.mset("{t}a", "1", "{t}b", "2");
            assertEquals(List.of("1", "2"), j.mget("{t}a", "{t}b"), "MGET of keys sharing a hash tag");
        }
    }

    @Test
    void lettuceSpeaksResp3AndRegistersItsLibrary() {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", gateway.port()));
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
        client.setDefaultTimeout(Duration.ofSeconds(5));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            var redis = c.sync();
            assertEquals("OK", redis.set("lettuce:k", "v"));
            assertEquals("v", redis.get("lettuce:k"));
            String me = redis.clientInfo();
            assertTrue(me.contains(" resp=3 "), "CLIENT INFO after HELLO 3: " + me);
            assertTrue(me.contains("lib-name=Lettuce"), "CLIENT SETINFO LIB-NAME was recorded: " + me);
            assertTrue(redis.info("server").contains("redis_version:7.0.15"), "INFO server over RESP3");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
    }
}
