package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where Memstone answers as Redis in cluster mode (one database, keys on many shards) rather
 * than as the stand-alone redis-server the differential tests compare with: MOVE, COPY to
 * another database, SORT's BY pattern and GET, and scripts touching keys of several slots
 * (keys of other slots may live on other shards), worded as Redis 7.0's db.c, sort.c and
 * script.c.
 */
class KeyCommandsClusterModeTest {
    private static final String BY_DENIED = "ERR BY option of SORT denied in Cluster mode.";
    private static final String GET_DENIED = "ERR GET option of SORT denied in Cluster mode.";
    private final EngineRunner engine = new EngineRunner();

    @BeforeEach
    void someData() {
        run("rpush", "l", "3", "1", "2");
        run("set", "w_1", "10");
    }

    @Test
    void moveIsNotAllowed() {
        assertEquals(error("ERR MOVE is not allowed in cluster mode"), run("move", "w_1", "1"));
        assertEquals(error("ERR MOVE is not allowed in cluster mode"), run("move", "missing", "abc"));
        assertEquals(bulk("10"), run("get", "w_1"));
    }

    @Test
    void copyToAnotherExistingDatabaseIsNotAllowed() {
        String denied = "ERR Copying to another database is not allowed in cluster mode";
        assertEquals(error(denied), run("copy", "w_1", "x", "db", "1"));
        assertEquals(error(denied), run("copy", "w_1", "x", "DB", "15", "replace"));
        assertEquals(error(denied), run("copy", "w_1", "w_1", "db", "3"));
        assertEquals(error("ERR DB index is out of range"), run("copy", "w_1", "x", "db", "16"));
        assertEquals(error("ERR syntax error"), run("copy", "w_1", "x", "db", "1", "foo"));
        assertEquals(resp(Reply.ONE), run("copy", "w_1", "x", "db", "1", "db", "0"));
        assertEquals(resp(Reply.ZERO), run("exists", "missing"));
    }

    @Test
    void sortByAPatternIsDenied() {
        assertEquals(error(BY_DENIED), run("sort", "l", "by", "w_*"));
        assertEquals(error(BY_DENIED), run("sort", "l", "by", "h_*->field"));
        assertEquals(error(BY_DENIED), run("sort_ro", "l", "by", "*"));
        assertEquals(error(BY_DENIED), run("sort", "missing", "by", "w_*"));
        assertEquals(error(BY_DENIED), run("sort", "w_1", "by", "w_*"), "options are checked before the type");
        assertEquals(error(BY_DENIED), run("sort", "l", "by", "w_*", "foo"), "the first bad option decides");
        assertEquals(error("ERR syntax error"), run("sort", "l", "foo", "by", "w_*"));
    }

    @Test
    void aConstantByPatternStillMeansNoSort() {
        assertEquals(array("3", "1", "2"), run("sort", "l", "by", "nosort->field"));
        assertEquals(array("2", "1", "3"), run("sort", "l", "by", "w_1", "desc"));
    }

    @Test
    void sortGetIsDeniedEvenForTheElementItself() {
        assertEquals(error(GET_DENIED), run("sort", "l", "get", "#"));
        assertEquals(error(GET_DENIED), run("sort", "l", "get", "w_*"));
        assertEquals(error(GET_DENIED), run("sort_ro", "l", "by", "nosort", "get", "h_*->f"));
        assertEquals(error(BY_DENIED), run("sort", "l", "by", "w_*", "get", "#"));
        assertEquals(error(GET_DENIED), run("sort", "l", "get", "#", "store", "dst"));
        assertEquals(resp(Reply.ZERO), run("exists", "dst"));
    }

    private static final String SAME_SLOT =
            "ERR Script attempted to access keys that do not hash to the same slot script: ";

    @Test
    void aScriptTouchingAKeyOfAnotherSlotThanItsDeclaredKeysIsRefusedBeforeItWrites() {
        String reply = run("eval", "redis.call('set', KEYS[1], 1) return redis.call('set', 'b', 2)", "1", "a");
        assertEquals(SAME_SLOT, reply.substring(1, 1 + SAME_SLOT.length()), reply);
        assertEquals(bulk("1"), run("get", "a"), "the write before the refused one stays, as in Redis");
        assertEquals(resp(Reply.NULL), run("get", "b"));
    }

    @Test
    void withoutDeclaredKeysTheFirstKeyAScriptTouchesFixesItsSlot() {
        assertEquals(resp(Reply.OK), run("eval", "redis.call('set', '{t}x', 1) return redis.call('set', '{t}y', 2)", "0"));
        String reply = run("eval", "redis.call('set', '{t}x', 1) return redis.call('set', 'other', 2)", "0");
        assertEquals(SAME_SLOT, reply.substring(1, 1 + SAME_SLOT.length()), reply);
        String crossSlot = run("eval", "return redis.call('mset', 'a', 1, 'b', 2)", "0");
        assertEquals("-ERR Script attempted to access a non local key in a cluster node script script: ",
                crossSlot.substring(0, 81), crossSlot);
        assertEquals(resp(Reply.integer(1)), run("eval", "return redis.pcall('mset', 'a', 1, 'b', 2).err and 1", "0"));
    }

    @Test
    void aScriptFlaggedNoClusterIsRefusedAndOneAllowingCrossSlotKeysTouchesAny() {
        assertEquals(error("ERR Can not run script on cluster, 'no-cluster' flag is set."),
                run("eval", "#!lua flags=no-cluster\nreturn 1", "0"));
        assertEquals(resp(Reply.OK), run("eval",
                "#!lua flags=allow-cross-slot-keys\nredis.call('set', KEYS[1], 1) return redis.call('set', 'b', 2)", "1", "a"));
        assertEquals(bulk("2"), run("get", "b"));
    }

    @Test
    void aFunctionFlaggedNoClusterIsRefusedAndOneAllowingCrossSlotKeysTouchesAny() {
        run("function", "load", "#!lua name=flagged\n"
                + "redis.register_function{function_name='nocluster', callback=function() return 1 end, flags={'no-cluster'}}\n"
                + "redis.register_function{function_name='anyslot', callback=function(keys)"
                + " redis.call('set', keys[1], 1) return redis.call('set', 'c', 3) end, flags={'allow-cross-slot-keys'}}\n"
                + "redis.register_function('oneslot', function(keys) return redis.call('set', 'c', 3) end)");
        assertEquals(error("ERR Can not run script on cluster, 'no-cluster' flag is set."), run("fcall", "nocluster", "0"));
        assertEquals(resp(Reply.OK), run("fcall", "anyslot", "1", "a"));
        assertEquals(bulk("3"), run("get", "c"));
        assertTrue(run("fcall", "oneslot", "1", "a").startsWith("-ERR Script attempted to access keys that do not hash to the same slot"));
    }

    /** The reply as RESP2 text, so replies compare by content. */
    private String run(String... argv) {
        return new String(engine.call(RawRespClient.toBytes(argv)), StandardCharsets.UTF_8);
    }

    private static String resp(Reply r) {
        return new String(RespWriter.encode(r, RespWriter.RESP2), StandardCharsets.UTF_8);
    }

    private static String error(String text) {
        return resp(Reply.error(text));
    }

    private static String bulk(String s) {
        return resp(Reply.bulk(s));
    }

    private static String array(String... items) {
        return resp(Reply.array(java.util.Arrays.stream(items).map(Reply::bulk).toList()));
    }
}
