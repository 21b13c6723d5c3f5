package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerProcess;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The replies that depend on time. In the engine the time is the log entry's: {@code *} IDs
 * are its timestamp and never go backwards when a new leader's clock is behind, and delivery
 * and idle times follow it, so replicas agree. Against redis-server, what Redis guarantees:
 * a {@code *} ID is the wall clock's ms (or the last ID + 1), idle times are since delivery.
 */
class StreamTimesTest {
    private long seed;

    @Test
    void clockIdsUseTheEntryTimeAndNeverGoBackwards() {
        Engine e = new Engine();
        assertEquals("1000-0", text(apply(e, 1000, "xadd s * f v")));
        assertEquals("1000-1", text(apply(e, 1000, "xadd s * f v")));
        // A new leader whose clock is behind: the ID still grows.
        assertEquals("1000-2", text(apply(e, 400, "xadd s * f v")));
        assertEquals("1001-0", text(apply(e, 1001, "xadd s * f v")));
        assertEquals("1001-1", text(apply(e, 5, "xadd s 1001-* f v")));
        assertEquals("-ERR The ID specified in XADD is equal or smaller than the target stream top item",
                resp(apply(e, 5, "xadd s 1000-* f v")).trim());
    }

    @Test
    void deliveryAndIdleTimesFollowTheEntryClock() {
        Engine e = new Engine();
        apply(e, 1000, "xadd s 1-1 f v");
        apply(e, 1000, "xgroup create s g 0");
        apply(e, 2000, "xreadgroup group g alice streams s >");
        assertEquals("*1\r\n*4\r\n$3\r\n1-1\r\n$5\r\nalice\r\n:500\r\n:1\r\n", resp(e.read(argv("xpending s g - + 10"), 2500)));
        assertEquals("*0\r\n", resp(e.read(argv("xpending s g idle 501 - + 10"), 2500)));
        // A reader whose clock is behind the delivery sees 0, never a negative idle time.
        assertEquals("*1\r\n*4\r\n$3\r\n1-1\r\n$5\r\nalice\r\n:0\r\n:1\r\n", resp(e.read(argv("xpending s g - + 10"), 1500)));
        assertEquals("*0\r\n", resp(apply(e, 2400, "xclaim s g bob 500 1-1")));
        assertEquals("*1\r\n$3\r\n1-1\r\n", resp(apply(e, 2500, "xclaim s g bob 500 1-1 justid")));
        assertTrue(resp(e.read(argv("xinfo consumers s g"), 3000)).contains("$4\r\nidle\r\n:1000\r\n"), "alice idle since 2000");
        assertTrue(resp(apply(e, 2600, "xinfo stream s full")).contains("$3\r\n1-1\r\n:2500\r\n:1\r\n"),
                "bob's pending entry delivered at 2500, count kept by JUSTID");
    }

    @Test
    void redisClockIdsAndIdleTimesHaveTheGuaranteedProperties() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start(); RawRespClient redis = server.connect()) {
            long before = System.currentTimeMillis();
            String id = bulk(redis.call(argv("xadd s * f v")));
            long after = System.currentTimeMillis();
            long ms = Long.parseLong(id.substring(0, id.indexOf('-')));
            assertTrue(ms >= before - 5 && ms <= after + 5, id + " within [" + before + ", " + after + "]");
            String next = bulk(redis.call(argv("xadd s * f v")));
            assertTrue(new StreamId(Long.parseLong(next.split("-")[0]), Long.parseLong(next.split("-")[1]))
                    .compareTo(new StreamId(ms, Long.parseLong(id.split("-")[1]))) > 0, next + " after " + id);
            redis.call(argv("xgroup create s g 0"));
            redis.call(argv("xreadgroup group g alice streams s >"));
            // Idle time grows from the delivery on: it reaches 20 ms, and stays far below the test's age.
            org.awaitility.Awaitility.await("idle time growing").atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> idle(redis) >= 20);
            assertTrue(idle(redis) < 10_000, "idle since delivery, not since some earlier time");
        }
    }

    /** The idle time XPENDING reports for the one pending entry. */
    private static long idle(RawRespClient redis) {
        String pending = new String(redis.call(argv("xpending s g - + 1")), StandardCharsets.ISO_8859_1);
        return Long.parseLong(pending.split("\r\n")[6].substring(1));
    }

    private static String bulk(byte[] reply) {
        String s = new String(reply, StandardCharsets.ISO_8859_1);
        return s.substring(s.indexOf("\r\n") + 2, s.length() - 2);
    }

    private static byte[][] argv(String line) {
        return Differential.tokenize(line);
    }

    private Reply apply(Engine engine, long timeMs, String line) {
        Command.Builder c = Command.newBuilder();
        for (byte[] a : argv(line)) c.addArgs(ByteString.copyFrom(a));
        return engine.apply(CommandBatch.newBuilder().setTimestampMs(timeMs).setSeed(seed++).addCommands(c).build()).get(0);
    }

    private static String text(Reply r) {
        return new String(((Reply.Bulk) r).value(), StandardCharsets.UTF_8);
    }

    private static String resp(Reply r) {
        return new String(RespWriter.encode(r, RespWriter.RESP2), StandardCharsets.ISO_8859_1);
    }
}
