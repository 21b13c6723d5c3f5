package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashValueTest {
    @Test
    void packedPairsKeepInsertionOrderLikeALinkedHashMap() {
        Random r = new Random(5);
        PackedPairs packed = new PackedPairs();
        Map<String, String> model = new LinkedHashMap<>();
        for (int step = 0; step < 20_000; step++) {
            String field = "f" + r.nextInt(40);
            if (r.nextInt(3) == 0) {
                assertEquals(model.remove(field) != null, packed.remove(bytes(field)), "remove " + field);
            } else {
                String value = "v".repeat(r.nextInt(70)) + step;
                value = value.substring(0, Math.min(value.length(), 255));
                assertEquals(!model.containsKey(field), packed.put(bytes(field), bytes(value)), "put " + field);
                model.put(field, value);
            }
            assertEquals(model.size(), packed.size());
            String probe = "f" + r.nextInt(40);
            assertEquals(model.get(probe), string(packed.get(bytes(probe))));
        }
        List<String> order = new ArrayList<>();
        packed.forEach((f, v) -> order.add(string(f) + "=" + string(v)));
        List<String> expected = new ArrayList<>();
        model.forEach((f, v) -> expected.add(f + "=" + v));
        assertEquals(expected, order);
        for (int i = 0; i < packed.size(); i++) assertEquals(expected.get(i), string(packed.pairAt(i)[0]) + "=" + string(packed.pairAt(i)[1]));
    }

    @Test
    void packedLayoutIsOneLengthBytePerString() {
        PackedPairs packed = new PackedPairs();
        packed.put(bytes("ab"), bytes(""));
        packed.put(bytes("c"), bytes("xyz"));
        assertEquals(3 + 1 + 2 + 4, packed.usedBytes());
        packed.put(bytes("ab"), bytes("12345"));
        assertEquals(3 + 6 + 2 + 4, packed.usedBytes());
        packed.remove(bytes("ab"));
        assertEquals(2 + 4, packed.usedBytes());
    }

    @Test
    void convertsPastTheEntryLimitAndNeverBack() {
        HashValue hash = new HashValue(new EncodingLimits());
        for (int i = 0; i < new EncodingLimits().hashMaxEntries(); i++) hash.set(bytes("f" + i), bytes("v"));
        assertEquals("listpack", hash.encoding());
        hash.set(bytes("f0"), bytes("w"));
        assertEquals("listpack", hash.encoding(), "updating an existing field adds no entry");
        hash.set(bytes("extra"), bytes("v"));
        assertEquals("hashtable", hash.encoding());
        for (int i = 0; i < 100; i++) hash.delete(bytes("f" + i));
        assertEquals("hashtable", hash.encoding());
        assertEquals(new EncodingLimits().hashMaxEntries() + 1 - 100, hash.size());
        assertArrayEquals(bytes("v"), hash.get(bytes("extra")));
        assertNull(hash.get(bytes("f0")));
    }

    @Test
    void convertsOnAFieldOrValueLongerThan64Bytes() {
        HashValue hash = new HashValue(new EncodingLimits());
        hash.set(bytes("x".repeat(64)), bytes("y".repeat(64)));
        assertEquals("listpack", hash.encoding());
        hash.set(bytes("f"), bytes("y".repeat(65)));
        assertEquals("hashtable", hash.encoding());
        HashValue byField = new HashValue(new EncodingLimits());
        byField.set(bytes("x".repeat(65)), bytes(""));
        assertEquals("hashtable", byField.encoding());
        assertTrue(byField.contains(bytes("x".repeat(65))));
    }

    @Test
    void digestDependsOnContentsOnlyNotOrderOrEncoding() throws Exception {
        HashValue a = hash("a", "1", "b", "2");
        HashValue b = hash("b", "2", "a", "1");
        HashValue big = hash("a", "1", "b", "2", "long", "z".repeat(100));
        big.delete(bytes("long"));
        assertEquals("hashtable", big.encoding());
        assertEquals(digest(a), digest(b));
        assertEquals(digest(a), digest(big));
        assertNotEquals(digest(a), digest(hash("a", "12", "b", "")));
        assertNotEquals(digest(a), digest(hash("a", "2", "b", "1")));
    }

    @Test
    void copySharesNothingMutable() {
        for (HashValue original : List.of(hash("a", "1"), hash("a", "1", "b", "z".repeat(100)))) {
            HashValue copy = original.copy();
            copy.set(bytes("a"), bytes("changed"));
            copy.set(bytes("new"), bytes("x"));
            assertArrayEquals(bytes("1"), original.get(bytes("a")));
            assertFalse(original.contains(bytes("new")));
            assertEquals(original.encoding(), copy.encoding());
        }
    }

    @Test
    void randomEntriesComeFromTheHash() {
        Random r = new Random(1);
        for (HashValue hash : List.of(hash("a", "1", "b", "2"), hash("a", "1", "b", "z".repeat(100)))) {
            for (int i = 0; i < 100; i++) {
                HashValue.Entry e = hash.randomEntry(r);
                assertArrayEquals(hash.get(e.field()), e.value());
            }
        }
    }

    private static HashValue hash(String... fieldsAndValues) {
        HashValue h = new HashValue(new EncodingLimits());
        for (int i = 0; i < fieldsAndValues.length; i += 2) h.set(bytes(fieldsAndValues[i]), bytes(fieldsAndValues[i + 1]));
        return h;
    }

    private static String digest(RedisValue v) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        v.digestInto(md);
        return HexFormat.of().formatHex(md.digest());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
