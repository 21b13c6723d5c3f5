package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ZSetValueTest {
    /** One entry of the model: a member and its score. */
    private record Entry(String member, double score) {}

    @Test
    void bothEncodingsMatchASortedModelThroughRandomChanges() {
        for (boolean skipList : new boolean[] {false, true}) {
            Random r = new Random(skipList ? 2 : 1);
            ZSetValue zset = skipList ? ZSetValue.skipList(new EncodingLimits()) : new ZSetValue(new EncodingLimits());
            Map<String, Double> model = new HashMap<>();
            for (int step = 0; step < 4000; step++) {
                String member = "m" + r.nextInt(skipList ? 400 : 60);
                int op = r.nextInt(10);
                if (op < 6) {
                    double score = r.nextInt(20) - 5;
                    assertEquals(!model.containsKey(member), zset.put(bytes(member), score));
                    model.put(member, score);
                } else if (op < 9) {
                    assertEquals(model.remove(member) != null, zset.remove(bytes(member)));
                } else if (zset.size() > 0) {
                    long from = r.nextInt(zset.size());
                    long to = Math.min(zset.size() - 1, from + r.nextInt(5));
                    List<Entry> sorted = sorted(model);
                    for (long i = from; i <= to; i++) model.remove(sorted.get((int) i).member());
                    zset.removeRange(from, to);
                }
                if (step % 97 == 0) assertSameAs(sorted(model), zset);
            }
            assertSameAs(sorted(model), zset);
            assertEquals(skipList ? "skiplist" : "listpack", zset.encoding());
        }
    }

    private static void assertSameAs(List<Entry> expected, ZSetValue zset) {
        assertEquals(expected, entries(zset, 0, zset.size() - 1, false));
        List<Entry> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, entries(zset, 0, zset.size() - 1, true));
        for (int i = 0; i < expected.size(); i++) {
            Entry e = expected.get(i);
            assertEquals(i, zset.rank(bytes(e.member())));
            assertEquals(e.score(), zset.score(bytes(e.member())));
            double s = e.score();
            // Entries scoring below s come first: the bound counts exactly those.
            long below = expected.stream().filter(x -> x.score() < s).count();
            assertEquals(below, zset.countBefore((score, member) -> score < s));
        }
        assertEquals(-1, zset.rank(bytes("absent")));
        assertTrue(Double.isNaN(zset.score(bytes("absent"))));
        if (expected.size() > 3) assertEquals(expected.subList(1, 3), entries(zset, 1, 2, false));
    }

    @Test
    void packedUntil128MembersOf64BytesThenASkipListForGood() {
        ZSetValue zset = new ZSetValue(new EncodingLimits());
        for (int i = 0; i < 128; i++) zset.put(bytes("m" + i), i);
        assertEquals("listpack", zset.encoding());
        zset.put(bytes("m0"), 5);
        assertEquals("listpack", zset.encoding());
        zset.put(bytes("m128"), 0);
        assertEquals("skiplist", zset.encoding());
        zset.removeRange(0, zset.size() - 1);
        zset.put(bytes("a"), 1);
        assertEquals("skiplist", zset.encoding());

        ZSetValue wide = new ZSetValue(new EncodingLimits());
        wide.put(bytes("x".repeat(64)), 1);
        assertEquals("listpack", wide.encoding());
        wide.put(bytes("x".repeat(65)), 1);
        assertEquals("skiplist", wide.encoding());
        wide.packIfSmall();
        assertEquals("skiplist", wide.encoding());
        wide.remove(bytes("x".repeat(65)));
        wide.packIfSmall();
        assertEquals("listpack", wide.encoding());
    }

    @Test
    void tiesOrderByMemberBytesUnsignedAndShorterFirst() {
        ZSetValue zset = new ZSetValue(new EncodingLimits());
        for (String m : new String[] {"b", "a", "ab", "", "\u00ff"}) zset.put(bytes(m), 1);
        zset.put(new byte[] {'a', 0}, 1);
        List<String> order = new ArrayList<>();
        zset.forEach((member, score) -> order.add(Arrays.toString(member)));
        assertEquals(List.of("[]", "[97]", "[97, 0]", "[97, 98]", "[98]", "[-61, -65]"), order);
    }

    @Test
    void packedScoresLoseTheSignOfZeroLikeAListpackSkipListsKeepIt() {
        ZSetValue packed = new ZSetValue(new EncodingLimits());
        packed.put(bytes("a"), -0.0);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(packed.score(bytes("a"))));
        ZSetValue big = ZSetValue.skipList(new EncodingLimits());
        big.put(bytes("a"), -0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(big.score(bytes("a"))));
    }

    @Test
    void digestDependsOnContentsNotEncoding() throws Exception {
        ZSetValue packed = new ZSetValue(new EncodingLimits());
        ZSetValue big = ZSetValue.skipList(new EncodingLimits());
        for (int i = 0; i < 50; i++) {
            packed.put(bytes("m" + i), i % 7);
            big.put(bytes("m" + (49 - i)), (49 - i) % 7);
        }
        assertEquals(digest(packed), digest(big));
        big.put(bytes("m3"), 100);
        assertNotEquals(digest(packed), digest(big));
    }

    @Test
    void copiesShareNothing() {
        for (ZSetValue zset : new ZSetValue[] {new ZSetValue(new EncodingLimits()), ZSetValue.skipList(new EncodingLimits())}) {
            zset.put(bytes("a"), 1);
            ZSetValue copy = zset.copy();
            copy.put(bytes("b"), 2);
            copy.put(bytes("a"), 3);
            assertEquals(1, zset.size());
            assertEquals(1.0, zset.score(bytes("a")));
            assertEquals(zset.encoding(), copy.encoding());
            assertArrayEquals(bytes("b"), entries(copy, 0, 0, false).stream().map(e -> bytes(e.member())).findFirst().get());
        }
    }

    private static List<Entry> sorted(Map<String, Double> model) {
        List<Entry> out = new ArrayList<>();
        model.forEach((m, s) -> out.add(new Entry(m, s)));
        out.sort((x, y) -> ZSetStore.compare(x.score(), bytes(x.member()), y.score(), bytes(y.member())));
        return out;
    }

    private static List<Entry> entries(ZSetValue zset, long from, long to, boolean reverse) {
        List<Entry> out = new ArrayList<>();
        zset.forRange(from, to, reverse, (m, s) -> out.add(new Entry(new String(m, StandardCharsets.UTF_8), s)));
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String digest(ZSetValue zset) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        zset.digestInto(md);
        return HexFormat.of().formatHex(md.digest());
    }
}
