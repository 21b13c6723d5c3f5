package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memstone.testing.ReplyComparison;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DUMP of a stream in Redis 7.0's encoding (RDB type 19): the engine's payload loads into
 * redis-server, and the restored stream is the one Redis built from the same commands, nodes,
 * deleted entries, counters, groups, consumers and pending entries included (XINFO STREAM FULL,
 * times blanked; without groups, Redis' own DUMP of both).
 */
class StreamDumpMatchesRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    /**
     * Redis re-encodes the restored stream from the listpacks it loaded: its DUMP of the copy is
     * its DUMP of the original byte for byte (the engine's own payload differs only in how
     * LZF compressed the same listpacks).
     */
    @Test
    void aStreamWithoutGroupsRestoresIntoRedisAsTheSameListpacks() {
        diff.reset();
        build(false);
        restoreEnginesDumpIntoRedis();
        assertEquals(ReplyComparison.printable(diff.redisOnly(Differential.tokenize("dump s"))),
                ReplyComparison.printable(diff.redisOnly(Differential.tokenize("dump copy"))));
    }

    @Test
    void redisRestoresTheEnginesDumpOfAStreamWithGroups() {
        diff.reset();
        build(true);
        restoreEnginesDumpIntoRedis();
        String original = info("s"), restored = info("copy");
        assertEquals(original, restored);
    }

    private static void restoreEnginesDumpIntoRedis() {
        byte[] payload = bulkBody(diff.engineOnly(Differential.tokenize("dump s")));
        assertEquals("+OK\r\n", new String(diff.redisOnly("restore".getBytes(StandardCharsets.US_ASCII),
                "copy".getBytes(StandardCharsets.US_ASCII), "0".getBytes(StandardCharsets.US_ASCII), payload),
                StandardCharsets.ISO_8859_1));
    }

    private static String info(String key) {
        byte[] reply = diff.redisOnly(Differential.tokenize("xinfo stream " + key + " full count 0"));
        return new String(StreamEdgeCasesMatchRedisTest.normalized(reply), StandardCharsets.ISO_8859_1);
    }

    /** Several nodes, a node emptied away, deleted entries, a trim, and (with groups) a PEL. */
    private static void build(boolean groups) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 260; i++) lines.add("xadd s " + i + "-" + (i % 3) + " f v" + i + (i % 50 == 0 ? " g " + i : ""));
        lines.add("xadd s 300-1 big " + "x".repeat(2000));
        lines.add("xdel s 2-2 3-0 150-0 261-0");
        lines.add("xtrim s minid 2-0");
        lines.add("xsetid s 400-0 entriesadded 999 maxdeletedid 300-0");
        if (groups) {
            lines.addAll(List.of("xgroup create s g 0", "xgroup create s h $ entriesread 5", "xgroup create s k 10",
                    "xreadgroup group g alice count 20 streams s >", "xreadgroup group g bob count 3 streams s >",
                    "xgroup createconsumer s h idle", "xclaim s g carol 0 5-2 justid"));
        }
        for (String line : lines) diff.check(line);
    }

    private static byte[] bulkBody(byte[] bulk) {
        int start = 1;
        while (bulk[start] != '\n') start++;
        return java.util.Arrays.copyOfRange(bulk, start + 1, bulk.length - 2);
    }
}
