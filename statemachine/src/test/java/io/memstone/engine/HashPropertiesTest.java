package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What Redis guarantees of HRANDFIELD and HSCAN where the exact reply is random or in Redis'
 * own table order, checked on the engine alone, in both encodings (5 and 40 fields packed, 600
 * in a table); and the RESP3 shapes of the hash replies.
 */
class HashPropertiesTest {
    private final EngineRunner runner = new EngineRunner();

    /** A hash "h" of fields f0.. with values v0..; returns field to value. */
    private Map<String, String> fill(int size) {
        Map<String, String> model = new HashMap<>();
        for (int i = 0; i < size; i++) {
            runner.call(argv("hset", "h", "f" + i, "v" + i));
            model.put("f" + i, "v" + i);
        }
        assertEquals(size > new EncodingLimits().hashMaxEntries() ? "hashtable" : "listpack",
                runner.engine().keyspace().get(new Key(bytes("h")), 0).encoding());
        return model;
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 40, 600})
    void positiveCountGivesThatManyDistinctFieldsWithTheirValues(int size) {
        Map<String, String> model = fill(size);
        for (long count : new long[] {1, 2, size / 4, size / 3 + 1, size - 1, size, size + 1, 10_000}) {
            List<String> flat = strings(read("hrandfield", "h", Long.toString(count), "withvalues"));
            assertEquals(2 * Math.min(count, size), flat.size(), "count " + count);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < flat.size(); i += 2) {
                assertTrue(seen.add(flat.get(i)), "repeated " + flat.get(i));
                assertEquals(model.get(flat.get(i)), flat.get(i + 1));
            }
        }
    }

    /** Redis' lpRandomPairsUnique keeps the listpack's order; so does the packed sampling. */
    @Test
    void distinctSamplesOfAPackedHashKeepItsOrder() {
        fill(40);
        for (int round = 0; round < 50; round++) {
            List<String> fields = strings(read("hrandfield", "h", "5"));
            assertEquals(5, fields.size());
            for (int i = 1; i < fields.size(); i++) {
                assertTrue(index(fields.get(i - 1)) < index(fields.get(i)), fields.toString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 600})
    void negativeCountRepeatsAndCoversTheHash(int size) {
        Map<String, String> model = fill(size);
        List<String> flat = strings(read("hrandfield", "h", "-3000", "withvalues"));
        assertEquals(6000, flat.size());
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < flat.size(); i += 2) {
            assertEquals(model.get(flat.get(i)), flat.get(i + 1));
            distinct.add(flat.get(i));
        }
        assertTrue(distinct.size() < 3000, "a negative count allows repeats");
        if (size == 5) assertEquals(model.keySet(), distinct, "3000 draws reach every one of 5 fields");
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 600})
    void withoutCountOneFieldAndEveryFieldCanComeUp(int size) {
        Map<String, String> model = fill(size);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20 * size; i++) {
            Reply r = read("hrandfield", "h");
            String field = new String(((Reply.Bulk) r).value(), StandardCharsets.UTF_8);
            assertTrue(model.containsKey(field), field);
            seen.add(field);
        }
        assertEquals(model.keySet(), seen);
    }

    @Test
    void hscanOfATableWalksEveryFieldOnceWithMatchAndCount() {
        Map<String, String> model = fill(600);
        for (String count : new String[] {"1", "7", "50", "1000"}) {
            Map<String, String> found = new HashMap<>();
            long cursor = 0;
            int calls = 0;
            do {
                List<Reply> reply = ((Reply.Array) read("hscan", "h", Long.toUnsignedString(cursor),
                        "match", "f1*", "count", count)).items();
                cursor = Long.parseUnsignedLong(strings(reply.get(0)).get(0));
                List<String> flat = strings(reply.get(1));
                for (int i = 0; i < flat.size(); i += 2) {
                    assertTrue(flat.get(i).startsWith("f1"), flat.get(i));
                    assertEquals(null, found.put(flat.get(i), flat.get(i + 1)), "twice: " + flat.get(i));
                }
                calls++;
            } while (cursor != 0);
            Map<String, String> expected = new HashMap<>();
            model.forEach((f, v) -> {
                if (f.startsWith("f1")) expected.put(f, v);
            });
            assertEquals(expected, found, "count " + count);
            if (count.equals("1")) assertTrue(calls > 10, "COUNT 1 takes many steps: " + calls);
        }
    }

    /** SCAN's guarantee: a field present for the whole scan is returned, even as the table resizes. */
    @Test
    void hscanReturnsFieldsPresentThroughoutWhileTheHashGrowsAndShrinks() {
        fill(600);
        for (int i = 30; i < 600; i++) runner.call(argv("hdel", "h", "f" + i));
        Set<String> found = new HashSet<>();
        long cursor = 0;
        int step = 0;
        do {
            List<Reply> reply = ((Reply.Array) read("hscan", "h", Long.toUnsignedString(cursor), "count", "5")).items();
            cursor = Long.parseUnsignedLong(strings(reply.get(0)).get(0));
            List<String> flat = strings(reply.get(1));
            for (int i = 0; i < flat.size(); i += 2) found.add(flat.get(i));
            // f0..f29 stay; g0..g399 come and go, resizing the table both ways.
            String command = step++ % 2 == 0 ? "hset" : "hdel";
            for (int i = 0; i < 400; i++) {
                runner.call(command.equals("hset") ? argv("hset", "h", "g" + i, "x") : argv("hdel", "h", "g" + i));
            }
        } while (cursor != 0);
        for (int i = 0; i < 30; i++) assertTrue(found.contains("f" + i), "f" + i + " missed");
        assertTrue(step > 10, "the walk spanned several resizes: " + step);
    }

    @Test
    void resp3ShapesMatchRedis() {
        fill(2);
        assertEquals("%2\r\n", head(read("hgetall", "h"), RespWriter.RESP3));
        assertEquals("*4\r\n", head(read("hgetall", "h"), RespWriter.RESP2));
        assertEquals("%0\r\n", head(read("hgetall", "missing"), RespWriter.RESP3));
        assertEquals("*2\r\n*2\r\n$", head(read("hrandfield", "h", "2", "withvalues"), RespWriter.RESP3, 9));
        assertEquals("*4\r\n$2\r\n", head(read("hrandfield", "h", "-2", "withvalues"), RespWriter.RESP2, 8));
        assertEquals("*3\r\n$2\r\n", head(read("hrandfield", "h", "-3"), RespWriter.RESP3, 8));
        assertEquals("_\r\n", head(read("hrandfield", "missing"), RespWriter.RESP3));
        assertEquals("*2\r\n$", head(read("hkeys", "h"), RespWriter.RESP3, 5));
    }

    @Test
    void pairsSurviveTheInterNodeCodec() {
        Reply pairs = new Reply.PairArray(List.of(Reply.bulk("f"), Reply.bulk("v"), Reply.bulk("g"), Reply.bulk("w")));
        Reply decoded = ReplyCodec.decode(ReplyCodec.encode(pairs));
        assertInstanceOf(Reply.PairArray.class, decoded);
        for (int protocol : new int[] {RespWriter.RESP2, RespWriter.RESP3}) {
            assertArrayEquals(RespWriter.encode(pairs, protocol), RespWriter.encode(decoded, protocol));
        }
    }

    private Reply read(String... words) {
        return runner.engine().read(argv(words), System.currentTimeMillis());
    }

    private static String head(Reply r, int protocol) {
        String s = new String(RespWriter.encode(r, protocol), StandardCharsets.UTF_8);
        return s.substring(0, s.indexOf('\n') + 1);
    }

    private static String head(Reply r, int protocol, int length) {
        return new String(RespWriter.encode(r, protocol), StandardCharsets.UTF_8).substring(0, length);
    }

    /** The bulk strings of a reply, flattened (Pairs and arrays alike), in order. */
    private static List<String> strings(Reply r) {
        List<String> out = new ArrayList<>();
        List<Reply> items = r instanceof Reply.PairArray p ? p.flat() : r instanceof Reply.Array a ? a.items() : List.of(r);
        for (Reply item : items) out.add(new String(((Reply.Bulk) item).value(), StandardCharsets.UTF_8));
        return out;
    }

    private static int index(String field) {
        return Integer.parseInt(field.substring(1));
    }

    private static byte[][] argv(String... words) {
        return RawRespClient.toBytes(words);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
