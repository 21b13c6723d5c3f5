package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Where PFCOUNT runs decides whether it stores its cache: the read path changes nothing, the
 * log stores the count in the HLL's header as Redis does. The reply is the same either way.
 */
class HyperLogLogCommandsTest {
    private final EngineRunner runner = new EngineRunner();

    private byte[] call(String... argv) {
        return runner.call(RawRespClient.toBytes(argv));
    }

    private byte[] stored(String key) {
        Key k = new Key(key.getBytes(StandardCharsets.UTF_8));
        return ((StringValue) runner.engine().keyspace().get(k, System.currentTimeMillis())).bytes();
    }

    @Test
    void pfcountOnTheReadPathComputesWithoutStoring() {
        call("pfadd", "h", "a", "b", "c");
        byte[] before = stored("h");
        assertFalse(HyperLogLog.hasValidCache(before));

        byte[] reply = call("pfcount", "h");
        assertEquals(":3\r\n", new String(reply, StandardCharsets.US_ASCII));
        assertArrayEquals(before, stored("h"));

        assertArrayEquals(reply, runner.callAsWrite(RawRespClient.toBytes("pfcount", "h")));
        byte[] after = stored("h");
        assertTrue(HyperLogLog.hasValidCache(after));
        assertEquals(3, HyperLogLog.cachedCount(after));
        assertArrayEquals(reply, call("pfcount", "h"), "now answered from the cache");
    }

    @Test
    void pfcountOfSeveralKeysStoresNothingEvenThroughTheLog() {
        call("pfadd", "a", "x", "y");
        call("pfadd", "b", "y", "z");
        byte[] a = stored("a");
        byte[] b = stored("b");
        assertEquals(":3\r\n", new String(runner.callAsWrite(RawRespClient.toBytes("pfcount", "a", "b")),
                StandardCharsets.US_ASCII));
        assertArrayEquals(a, stored("a"));
        assertArrayEquals(b, stored("b"));
    }
}
