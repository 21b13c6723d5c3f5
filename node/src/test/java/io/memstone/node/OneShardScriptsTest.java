package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.command.Slots;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A cluster of one shard is a standalone Redis to scripts too: they touch keys of any slot,
 * declared or not, and no-cluster scripts run, through every gateway and on the read path;
 * once the cluster has several shards, Redis Cluster's slot rule holds again.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OneShardScriptsTest {
    private static final String TOUCH_BOTH = "redis.call('set', KEYS[1], ARGV[1]); redis.call('set', 'undeclared', ARGV[1]);"
            + " return redis.call('mget', KEYS[1], KEYS[2], 'undeclared')";

    @Test
    void scriptsTouchKeysOfAnySlotOnAOneShardCluster() throws Exception {
        assertNotEquals(slot("a"), slot("b"), "the keys must be in different slots for this test to mean anything");
        assertNotEquals(slot("a"), slot("undeclared"));
        try (TestCluster cluster = new TestCluster(LocalCluster.Settings.DEFAULT.withShards(1))) {
            for (int node = 0; node < 3; node++) {
                try (Jedis j = cluster.jedis(node)) {
                    String v = "v" + node;
                    j.set("b", "b" + node);
                    assertEquals(List.of(v, "b" + node, v), j.eval(TOUCH_BOTH, 2, "a", "b", v), "through node " + node);
                    assertEquals("b" + node, j.evalReadonly("return redis.call('get', 'b')", List.of("a"), List.of()),
                            "a read-only script reads an undeclared key of another slot");
                    assertEquals("ran", j.eval("#!lua flags=no-cluster\nreturn 'ran'", 0), "no-cluster scripts run, as on a standalone Redis");
                }
            }
            // The read path of a replica after READONLY.
            try (Jedis j = cluster.jedis(1)) {
                assertEquals("OK", j.readonly());
                assertEquals("v2", j.evalReadonly("return redis.call('get', 'undeclared')", List.of("a"), List.of()));
            }
        }
    }

    @Test
    void withSeveralShardsTheSlotRuleHolds() throws Exception {
        try (TestCluster cluster = new TestCluster(LocalCluster.Settings.DEFAULT)) {
            try (Jedis j = cluster.jedis(0)) {
                JedisDataException refused = assertThrows(JedisDataException.class,
                        () -> j.eval("redis.call('set', KEYS[1], 1); return redis.call('set', '" + otherSlotThan("a{x}") + "', 1)", 1, "a{x}"));
                assertTrue(refused.getMessage().contains("do not hash to the same slot") || refused.getMessage().contains("non local key"),
                        refused.getMessage());
                JedisDataException noCluster = assertThrows(JedisDataException.class, () -> j.eval("#!lua flags=no-cluster\nreturn 1", 0));
                assertTrue(noCluster.getMessage().contains("Can not run script on cluster, 'no-cluster' flag is set."), noCluster.getMessage());
            }
        }
    }

    private static int slot(String key) {
        return Slots.slot(key.getBytes(StandardCharsets.UTF_8));
    }

    /** A key of another slot than {@code key}'s, on the same shard or not. */
    private static String otherSlotThan(String key) {
        for (int i = 0; ; i++) {
            String other = "other" + i;
            if (slot(other) != slot(key)) return other;
        }
    }
}
