package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Where a script answers as in Redis Cluster rather than as the stand-alone redis-server of the
 * differential tests: every key it touches must hash to one slot (its declared keys', or the
 * first it touches), since keys of other slots may live on other shards.
 */
class ScriptClusterModeTest {
    private static final String SAME_SLOT =
            "ERR Script attempted to access keys that do not hash to the same slot script: ";
    private final EngineRunner engine = new EngineRunner();

    @Test
    void aScriptTouchingAKeyOfAnotherSlotThanItsDeclaredKeysIsRefusedBeforeItWrites() {
        String reply = run("eval", "redis.call('set', KEYS[1], 1) return redis.call('set', 'b', 2)", "1", "a");
        assertEquals(SAME_SLOT, reply.substring(1, 1 + SAME_SLOT.length()), reply);
        assertEquals(bulk("1"), run("get", "a"), "the write before the refused one stays, as in Redis");
        assertEquals(resp(Reply.NULL), run("get", "b"));
    }

    @Test
    void withoutDeclaredKeysTheFirstKeyTouchedFixesTheSlot() {
        assertEquals(resp(Reply.OK), run("eval", "redis.call('set', '{t}x', 1) return redis.call('set', '{t}y', 2)", "0"));
        String reply = run("eval", "redis.call('set', '{t}x', 1) return redis.call('set', 'other', 2)", "0");
        assertEquals(SAME_SLOT, reply.substring(1, 1 + SAME_SLOT.length()), reply);
        String crossSlot = run("eval", "return redis.call('mset', 'a', 1, 'b', 2)", "0");
        assertEquals("-ERR Script attempted to access a non local key in a cluster node script script: ",
                crossSlot.substring(0, 81), crossSlot);
        assertEquals(resp(Reply.integer(1)), run("eval", "return redis.pcall('mset', 'a', 1, 'b', 2).err and 1", "0"));
    }

    private String run(String... argv) {
        return new String(engine.call(RawRespClient.toBytes(argv)), StandardCharsets.UTF_8);
    }

    private static String resp(Reply r) {
        return new String(RespWriter.encode(r, RespWriter.RESP2), StandardCharsets.UTF_8);
    }

    private static String bulk(String s) {
        return resp(Reply.bulk(s));
    }
}
