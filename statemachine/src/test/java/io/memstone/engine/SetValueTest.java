package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetValueTest {
    @Test
    void staysAnIntsetUpTo512IntegersAndConvertsAtThe513th() {
        SetValue s = new SetValue(new EncodingLimits());
        for (int i = 0; i < new EncodingLimits().setMaxIntsetEntries(); i++) s.add(bytes(Integer.toString(i)));
        assertEquals("intset", s.encoding());
        assertFalse(s.add(bytes("7")));
        assertEquals("intset", s.encoding());
        assertTrue(s.add(bytes("512")));
        assertEquals("hashtable", s.encoding());
        assertEquals(513, s.size());
        s.remove(bytes("512"));
        assertEquals("hashtable", s.encoding(), "Redis 7.0 never converts back");
        assertTrue(s.contains(bytes("511")));
    }

    @Test
    void aNonIntegerMemberConvertsOnlyWhenAdded() {
        SetValue s = SetValue.of(new EncodingLimits(), List.of(bytes("1"), bytes("-2")));
        assertEquals("intset", s.encoding());
        assertFalse(s.contains(bytes("x")));
        assertFalse(s.remove(bytes("01")));
        assertEquals("intset", s.encoding());
        s.add(bytes("01"));
        assertEquals("hashtable", s.encoding());
        assertTrue(s.contains(bytes("1")));
        assertTrue(s.contains(bytes("01")));
        assertEquals("hashtable", SetValue.createFor(new EncodingLimits(), bytes("a")).encoding());
        assertEquals("intset", SetValue.createFor(new EncodingLimits(), bytes("-9223372036854775808")).encoding());
        assertEquals("hashtable", SetValue.createFor(new EncodingLimits(), bytes("9223372036854775808")).encoding());
    }

    @Test
    void anIntsetIteratesInAscendingOrder() {
        SetValue s = SetValue.of(new EncodingLimits(), List.of(bytes("300000"), bytes("-1"), bytes("5"), bytes("-9223372036854775808")));
        List<String> members = new ArrayList<>();
        s.forEach(m -> members.add(new String(m, StandardCharsets.US_ASCII)));
        assertEquals(List.of("-9223372036854775808", "-1", "5", "300000"), members);
    }

    @Test
    void digestDependsOnContentsNotEncodingOrOrder() throws Exception {
        SetValue packed = SetValue.of(new EncodingLimits(), List.of(bytes("1"), bytes("2"), bytes("3")));
        SetValue table = SetValue.of(new EncodingLimits(), List.of(bytes("x"), bytes("3"), bytes("2"), bytes("1")));
        table.remove(bytes("x"));
        assertEquals("hashtable", table.encoding());
        assertEquals(digest(packed), digest(table));
        table.add(bytes("4"));
        assertFalse(digest(packed).equals(digest(table)));
        assertFalse(digest(SetValue.of(new EncodingLimits(), List.of(bytes("ab"), bytes("c")))).equals(
                digest(SetValue.of(new EncodingLimits(), List.of(bytes("a"), bytes("bc"))))));
    }

    @Test
    void copiesShareNothingMutable() {
        for (String extra : new String[] {"9", "x"}) {
            SetValue original = SetValue.of(new EncodingLimits(), List.of(bytes("1"), bytes(extra)));
            SetValue copy = original.copy();
            assertEquals(original.encoding(), copy.encoding());
            copy.add(bytes("new"));
            copy.remove(bytes("1"));
            assertEquals(2, original.size());
            assertTrue(original.contains(bytes("1")));
            assertFalse(original.contains(bytes("new")));
        }
    }

    @Test
    void aHashTableScanFromCursorZeroToZeroSeesEveryMember() {
        SetValue s = new SetValue(new EncodingLimits());
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            s.add(bytes("m" + i));
            expected.add("m" + i);
        }
        Engine engine = new Engine();
        engine.keyspace().set(new Key(bytes("s")), s);
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            var reply = (Reply.Array) engine.read(Differential.tokenize("sscan s " + cursor + " count 50"), 0);
            cursor = new String(((Reply.Bulk) reply.items().get(0)).value(), StandardCharsets.US_ASCII);
            for (Reply m : ((Reply.Array) reply.items().get(1)).items()) {
                seen.add(new String(((Reply.Bulk) m).value(), StandardCharsets.US_ASCII));
            }
            calls++;
        } while (!cursor.equals("0"));
        assertEquals(expected, seen);
        assertTrue(calls > 10, "COUNT 50 over 2000 members takes many steps");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String digest(SetValue s) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        s.digestInto(md);
        return HexFormat.of().formatHex(md.digest());
    }
}
