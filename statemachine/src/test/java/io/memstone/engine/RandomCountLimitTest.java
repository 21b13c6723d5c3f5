package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a negative count asks SRANDMEMBER, HRANDFIELD and ZRANDMEMBER for that many draws
 * with repeats. Redis tries to send them all; the engine, which builds the reply in memory
 * inside Raft apply, refuses more than {@link RandomRanks#MAX_REPEATS} with Redis' "value is
 * out of range" (HRANDFIELD h -2147483648 ran out of heap, ZRANDMEMBER's answered an internal
 * error). Not differential: redis-server would try to build the billions of replies.
 */
class RandomCountLimitTest {
    private static final String OUT_OF_RANGE = "-ERR value is out of range\r\n";
    private final EngineRunner engine = new EngineRunner();

    @Test
    void negativeCountsBeyondTheLimitAreRefusedForEveryType() {
        call("sadd", "s", "a", "b");
        call("hset", "h", "a", "1", "b", "2");
        call("zadd", "z", "1", "a", "2", "b");
        String justOver = Long.toString(-(RandomRanks.MAX_REPEATS + 1));
        for (String count : List.of(justOver, "-2147483648", "-2147483649", "-1073741824", "-4611686018427387903")) {
            assertEquals(OUT_OF_RANGE, call("srandmember", "s", count), "srandmember s " + count);
            assertEquals(OUT_OF_RANGE, call("hrandfield", "h", count), "hrandfield h " + count);
            assertEquals(OUT_OF_RANGE, call("hrandfield", "h", count, "withvalues"), "hrandfield h " + count + " withvalues");
            assertEquals(OUT_OF_RANGE, call("zrandmember", "z", count), "zrandmember z " + count);
            assertEquals(OUT_OF_RANGE, call("zrandmember", "z", count, "withscores"), "zrandmember z " + count + " withscores");
        }
        assertEquals("*0\r\n", call("hrandfield", "missing", justOver), "a missing key answers empty, as in Redis");
        assertEquals("*0\r\n", call("zrandmember", "missing", justOver), "a missing key answers empty, as in Redis");
    }

    @Test
    void negativeCountsWithinTheLimitDrawThatMany() {
        call("hset", "h", "a", "1");
        call("zadd", "z", "1", "a");
        assertEquals(1000, RawRespClient.arrayElements(bytes(call("hrandfield", "h", "-1000"))).size());
        assertEquals(2000, RawRespClient.arrayElements(bytes(call("zrandmember", "z", "-1000", "withscores"))).size());
    }

    private String call(String... argv) {
        return new String(engine.call(RawRespClient.toBytes(argv)), StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String reply) {
        return reply.getBytes(StandardCharsets.ISO_8859_1);
    }
}
