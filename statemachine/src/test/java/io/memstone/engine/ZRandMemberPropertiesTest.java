package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ZRANDMEMBER's random replies, checked against what Redis guarantees rather than against
 * redis-server: members come from the set, a positive count gives distinct ones, a negative
 * count exactly that many (repeats allowed), and WITHSCORES pairs each with its own score.
 */
class ZRandMemberPropertiesTest {
    private final EngineRunner engine = new EngineRunner();

    /** Members m0..m(n-1), mi scoring i; n over 128 makes a skiplist. */
    private Map<String, String> fill(String key, int n) {
        Map<String, String> scores = new HashMap<>();
        for (int i = 0; i < n; i++) {
            engine.call(RawRespClient.toBytes("zadd", key, Integer.toString(i), "m" + i));
            scores.put("m" + i, Integer.toString(i));
        }
        return scores;
    }

    @Test
    void positiveCountsGiveDistinctMembersOfTheSet() {
        for (int size : new int[] {10, 300}) {
            Map<String, String> scores = fill("k" + size, size);
            for (int count : new int[] {1, 2, size / 4, size / 2, size - 1}) {
                List<String> reply = call("zrandmember", "k" + size, Integer.toString(count));
                assertEquals(count, reply.size());
                assertEquals(count, new HashSet<>(reply).size(), "distinct");
                assertTrue(scores.keySet().containsAll(reply));
            }
        }
    }

    @Test
    void negativeCountsGiveExactlyThatManyAndRepeat() {
        Map<String, String> scores = fill("k", 3);
        List<String> reply = call("zrandmember", "k", "-50");
        assertEquals(50, reply.size());
        assertTrue(scores.keySet().containsAll(reply));
        assertTrue(new HashSet<>(reply).size() < 50, "repeats");
        assertEquals(3, new HashSet<>(reply).size(), "50 draws from 3 members reach all of them");
    }

    @Test
    void withScoresPairsEachMemberWithItsScore() {
        Map<String, String> scores = fill("k", 200);
        for (String count : new String[] {"7", "-7", "150"}) {
            List<String> reply = call("zrandmember", "k", count, "withscores");
            assertEquals(14 + (count.equals("150") ? 286 : 0), reply.size());
            for (int i = 0; i < reply.size(); i += 2) assertEquals(scores.get(reply.get(i)), reply.get(i + 1));
        }
    }

    @Test
    void withoutACountOneMemberEvenlyDrawn() {
        Map<String, String> scores = fill("k", 4);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String member = new String(engine.call(RawRespClient.toBytes("zrandmember", "k")), StandardCharsets.UTF_8)
                    .split("\r\n")[1];
            assertTrue(scores.containsKey(member));
            seen.add(member);
        }
        assertEquals(scores.keySet(), seen);
    }

    /** An array reply's bulk strings, their payloads only. */
    private List<String> call(String... argv) {
        return RawRespClient.arrayElements(engine.call(RawRespClient.toBytes(argv))).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8).split("\r\n")[1]).toList();
    }
}
