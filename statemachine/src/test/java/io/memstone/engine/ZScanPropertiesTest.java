package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ZSCAN over a skiplist-encoded set, whose cursors depend on the hash table and so are not
 * compared with redis-server: a full walk returns every member with its score, and MATCH
 * filters members (their scores go with them).
 */
class ZScanPropertiesTest {
    private final EngineRunner engine = new EngineRunner();

    @Test
    void aFullWalkReturnsEveryMemberWithItsScore() {
        for (int i = 0; i < 300; i++) call("zadd", "k", i + ".5", "m" + i);
        Map<String, String> seen = scanAll("*");
        assertEquals(300, seen.size());
        for (int i = 0; i < 300; i++) assertEquals(i + ".5", seen.get("m" + i));
    }

    @Test
    void matchFiltersMembers() {
        for (int i = 0; i < 300; i++) call("zadd", "k", Integer.toString(i), "m" + i);
        Map<String, String> seen = scanAll("m1?");
        assertEquals(10, seen.size());
        seen.forEach((member, score) -> assertTrue(member.matches("m1\\d") && score.equals(member.substring(1))));
    }

    private Map<String, String> scanAll(String pattern) {
        Map<String, String> seen = new HashMap<>();
        String cursor = "0";
        int steps = 0;
        do {
            List<byte[]> reply = RawRespClient.arrayElements(call("zscan", "k", cursor, "match", pattern, "count", "10"));
            cursor = payloads(RawRespClient.arrayElements(("*1\r\n" + text(reply.get(0))).getBytes(StandardCharsets.UTF_8))).get(0);
            List<String> items = payloads(RawRespClient.arrayElements(reply.get(1)));
            for (int i = 0; i < items.size(); i += 2) seen.put(items.get(i), items.get(i + 1));
            steps++;
        } while (!cursor.equals("0"));
        assertTrue(steps > 1, "a skiplist is walked in steps");
        return seen;
    }

    private byte[] call(String... argv) {
        return engine.call(RawRespClient.toBytes(argv));
    }

    private static List<String> payloads(List<byte[]> bulks) {
        return bulks.stream().map(b -> text(b).split("\r\n")[1]).toList();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
