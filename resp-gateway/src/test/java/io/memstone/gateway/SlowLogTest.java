package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowLogTest {
    private static byte[][] argv(String... words) {
        byte[][] out = new byte[words.length][];
        for (int i = 0; i < words.length; i++) out[i] = words[i].getBytes(StandardCharsets.UTF_8);
        return out;
    }

    private static List<String> args(SlowLog.Entry e) {
        return e.args().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void logsOnlyCommandsAtLeastAsSlowAsTheThresholdNewestFirst() {
        SlowLog log = new SlowLog();
        log.configure(100, 10);
        log.offer(99, argv("GET", "fast"), "1.2.3.4:5", "", 1_000);
        log.offer(100, argv("GET", "a"), "1.2.3.4:5", "app", 2_000);
        log.offer(5_000, argv("SET", "b", "1"), "1.2.3.4:6", "", 3_999);
        List<SlowLog.Entry> entries = log.newest(-1);
        assertEquals(2, entries.size(), "the 99 µs command is under the threshold");
        assertEquals(new SlowLog.Entry(1, 3, 5_000, entries.get(0).args(), "1.2.3.4:6", ""), entries.get(0));
        assertEquals(List.of("SET", "b", "1"), args(entries.get(0)));
        assertEquals(List.of("GET", "a"), args(entries.get(1)));
        assertEquals(0, entries.get(1).id());
        assertEquals("app", entries.get(1).name());
    }

    @Test
    void negativeThresholdLogsNothingAndZeroLogsEverything() {
        SlowLog log = new SlowLog();
        log.configure(-1, 10);
        log.offer(1_000_000, argv("DEBUG", "SLEEP", "1"), "a:1", "", 0);
        assertEquals(0, log.length());
        log.configure(0, 10);
        log.offer(0, argv("PING"), "a:1", "", 0);
        assertEquals(1, log.length());
    }

    @Test
    void keepsTheNewestMaxLenEntriesAndIdsKeepCountingAfterReset() {
        SlowLog log = new SlowLog();
        log.configure(0, 3);
        for (int i = 0; i < 5; i++) log.offer(1, argv("INCR", "k" + i), "a:1", "", 0);
        assertEquals(List.of(4L, 3L, 2L), log.newest(-1).stream().map(SlowLog.Entry::id).toList());
        assertEquals(List.of(4L), log.newest(1).stream().map(SlowLog.Entry::id).toList());
        log.configure(0, 1);
        assertEquals(1, log.length(), "a shorter max-len trims at once");
        log.reset();
        log.offer(1, argv("PING"), "a:1", "", 0);
        assertEquals(5, log.newest(-1).get(0).id(), "ids are not reused after a reset");
    }

    @Test
    void longArgumentsAndArgumentListsAreCutLikeRedis() {
        String[] words = new String[40];
        words[0] = "SADD";
        for (int i = 1; i < words.length; i++) words[i] = "m" + i;
        List<byte[]> kept = SlowLog.trimmed(argv(words));
        assertEquals(SlowLog.MAX_ARGS, kept.size());
        assertEquals("m30", new String(kept.get(30), StandardCharsets.UTF_8));
        assertEquals("... (9 more arguments)", new String(kept.get(31), StandardCharsets.UTF_8));

        String big = "x".repeat(200);
        String cut = new String(SlowLog.trimmed(argv("GET", big)).get(1), StandardCharsets.UTF_8);
        assertEquals("x".repeat(128) + "... (72 more bytes)", cut);
        assertTrue(SlowLog.trimmed(argv("GET", "x".repeat(128))).get(1).length == 128, "128 bytes are kept whole");
    }
}
