package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Routing as a real client sees it: keyless commands go to every shard and come back merged
 * (SCAN's cursor must survive the trip), multi-key commands across slots are refused when
 * there are several shards.
 */
class KeylessAndCrossSlotTest {
    @RegisterExtension
    static final TestGateway gateway = new TestGateway();
    @RegisterExtension
    static final TestGateway sharded = new TestGateway(3);

    private static Jedis jedis() {
        return new Jedis("127.0.0.1", gateway.port(), 5000);
    }

    @Test
    void scanWalksEveryKeyByCursorAndRandomKeyDrawsOne() {
        try (Jedis j = jedis()) {
            j.flushAll();
            assertNull(j.randomKey(), "RANDOMKEY of an empty keyspace");
            ScanResult<String> empty = j.scan(ScanParams.SCAN_POINTER_START);
            assertEquals(ScanParams.SCAN_POINTER_START, empty.getCursor(), "SCAN of an empty keyspace ends at once");
            assertTrue(empty.getResult().isEmpty());

            Set<String> written = new HashSet<>();
            Pipeline p = j.pipelined();
            for (int i = 0; i < 500; i++) {
                p.set("scan:" + i, "v");
                written.add("scan:" + i);
            }
            p.sadd("scan:set", "m");
            p.sync();

            Set<String> seen = new HashSet<>();
            int calls = 0;
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = j.scan(cursor, new ScanParams().match("scan:*").count(20), "string");
                seen.addAll(page.getResult());
                cursor = page.getCursor();
                calls++;
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            assertEquals(written, seen, "SCAN MATCH scan:* TYPE string, cursor by cursor");
            assertTrue(calls > 1, "SCAN COUNT 20 over 500 keys took more than one call");

            for (int i = 0; i < 20; i++) {
                String key = j.randomKey();
                assertTrue(written.contains(key) || key.equals("scan:set"), "RANDOMKEY gave " + key);
            }
        }
    }

    @Test
    void multiKeyCommandsAcrossSlotsAreRefusedWithSeveralShards() {
        try (Jedis j = new Jedis("127.0.0.1", sharded.port(), 5000)) {
            assertCrossSlot("MSET", () -> j.mset("a", "1", "b", "2"));
            assertCrossSlot("RENAME", () -> j.rename("a", "b"));
            assertCrossSlot("COPY", () -> j.copy("a", "b", true));
            assertCrossSlot("LMOVE", () -> j.lmove("a", "b", ListDirection.LEFT, ListDirection.RIGHT));
            assertCrossSlot("SINTERSTORE", () -> j.sinterstore("a", "b", "c"));
            assertCrossSlot("ZUNIONSTORE", () -> j.zunionstore("a", "b", "c"));
            assertCrossSlot("DEL", () -> j.del("a", "b"));
            assertEquals(1L, j.sadd("{t}s1", "m"));
            assertEquals(1L, j.sinterstore("{t}dest", "{t}s1", "{t}s1"), "one hash tag, one slot: served");
        }
    }

    private static void assertCrossSlot(String what, Executable command) {
        JedisDataException e = assertThrows(JedisDataException.class, command, what);
        assertEquals("CROSSSLOT Keys in request don't hash to the same slot", e.getMessage(), what);
    }
}
