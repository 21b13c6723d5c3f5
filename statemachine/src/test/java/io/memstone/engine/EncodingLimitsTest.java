package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.memstone.testing.RawRespClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncodingLimitsTest {
    private static final Map<String, String> SMALL = Map.of(EncodingLimits.HASH_MAX_LISTPACK_ENTRIES, "2",
            EncodingLimits.SET_MAX_INTSET_ENTRIES, "2", EncodingLimits.ZSET_MAX_LISTPACK_ENTRIES, "2");

    @Test
    void aNewerVersionChangesTheLimitsAnOlderOneNothing() {
        EngineRunner runner = new EngineRunner();
        assertEquals(Reply.integer(5), runner.internal(config(5, SMALL)));
        assertEquals("hashtable", encodingAfterThreeFields(runner, "h1"));
        assertEquals(Reply.integer(5), runner.internal(config(3, Map.of())), "version 3 comes too late");
        assertEquals("hashtable", encodingAfterThreeFields(runner, "h2"));
        assertEquals(Reply.integer(6), runner.internal(config(6, Map.of())));
        assertEquals("listpack", encodingAfterThreeFields(runner, "h3"));
        assertEquals("hashtable", call(runner, "OBJECT", "ENCODING", "h1"), "an existing value never converts back");
    }

    @Test
    void aBadEntryChangesNothing() {
        EngineRunner runner = new EngineRunner();
        byte[][] argv = config(2, SMALL);
        argv[argv.length - 1] = "-1".getBytes();
        assertEquals(Errors.SYNTAX, runner.internal(argv));
        assertEquals(0, runner.engine().limits().version());
        assertEquals("listpack", encodingAfterThreeFields(runner, "h"));
    }

    @Test
    void theLimitsSurviveASnapshotAndShowInTheDigest() throws IOException {
        EngineRunner changed = new EngineRunner();
        EngineRunner unchanged = new EngineRunner();
        changed.internal(config(7, SMALL));
        for (EngineRunner r : new EngineRunner[] {changed, unchanged}) r.call(RawRespClient.toBytes("SET", "k", "v"));
        assertNotEquals(unchanged.engine().digest(), changed.engine().digest(), "the same keys under other limits");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EngineSnapshot.write(changed.engine(), "shard-0", 1, 10, out);
        Engine reloaded = EngineSnapshot.read(new ByteArrayInputStream(out.toByteArray())).engine();
        assertEquals(changed.engine().digest(), reloaded.digest());
        assertEquals(7, reloaded.limits().version());
        assertEquals(2, reloaded.limits().setMaxIntsetEntries());
        assertEquals(2, reloaded.limits().hashMaxEntries());
        assertEquals(64, reloaded.limits().hashMaxValue());
    }

    private static byte[][] config(long version, Map<String, String> changed) {
        EncodingLimits defaults = new EncodingLimits();
        return EncodingLimits.command(version, name -> changed.getOrDefault(name, Long.toString(defaults.value(name))));
    }

    private static String encodingAfterThreeFields(EngineRunner runner, String key) {
        runner.call(RawRespClient.toBytes("HSET", key, "a", "1", "b", "2", "c", "3"));
        return call(runner, "OBJECT", "ENCODING", key);
    }

    private static String call(EngineRunner runner, String... argv) {
        String reply = new String(runner.call(RawRespClient.toBytes(argv)));
        return reply.substring(reply.indexOf("\r\n") + 2, reply.length() - 2);
    }
}
