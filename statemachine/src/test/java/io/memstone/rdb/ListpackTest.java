package io.memstone.rdb;

import static io.memstone.rdb.PackedBuilders.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListpackTest {
    private static final List<byte[]> ENTRIES = new ArrayList<>();

    static {
        for (String s : new String[] {"0", "127", "128", "-1", "4095", "-4096", "4096", "32767", "-32768", "32768",
                "8388607", "-8388608", "8388608", "2147483647", "-2147483648", "2147483648",
                "9223372036854775807", "-9223372036854775808", "007", "-0", "+5", "", "a"}) {
            ENTRIES.add(bytes(s));
        }
        ENTRIES.add(bytes("x".repeat(63)));
        ENTRIES.add(bytes("x".repeat(64)));
        ENTRIES.add(bytes("x".repeat(4095)));
        ENTRIES.add(bytes("x".repeat(4096)));
        ENTRIES.add(bytes("y".repeat(20000)));
    }

    @Test
    void roundTripsEveryEntryKind() {
        byte[] lp = Listpack.encode(ENTRIES);
        List<byte[]> back = Listpack.decode(lp);
        assertEquals(ENTRIES.size(), back.size());
        for (int i = 0; i < back.size(); i++) assertArrayEquals(ENTRIES.get(i), back.get(i), "entry " + i);
    }

    @Test
    void encodedSizeIsWhatEncodeTakes() {
        for (byte[] e : ENTRIES) assertEquals(Listpack.encode(List.of(e)).length - 7, Listpack.encodedSize(e));
    }

    @Test
    void integersUseTheNarrowestEncoding() {
        // header (6) + 7-bit uint entry (1) + back-length (1) + end (1)
        assertEquals(9, Listpack.encode(List.of(bytes("5"))).length);
        assertEquals(10, Listpack.encode(List.of(bytes("-5"))).length);
        assertEquals(11, Listpack.encode(List.of(bytes("-5000"))).length);
    }

    @Test
    void aCountOver65535IsStoredAsUnknown() {
        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) many.add(bytes("1"));
        byte[] lp = Listpack.encode(many);
        assertEquals(0xff, lp[4] & 0xff);
        assertEquals(0xff, lp[5] & 0xff);
        assertEquals(70_000, Listpack.decode(lp).size());
    }

    @Test
    void rejectsInconsistentListpacks() {
        byte[] lp = Listpack.encode(List.of(bytes("a"), bytes("12345")));
        assertBad(java.util.Arrays.copyOf(lp, lp.length - 1), "truncated");
        byte[] size = lp.clone();
        size[0]++;
        assertBad(size, "size header");
        byte[] count = lp.clone();
        count[4] = 3;
        assertBad(count, "count");
        byte[] backlen = lp.clone();
        backlen[8] = 5;
        assertBad(backlen, "back-length");
        byte[] encoding = lp.clone();
        encoding[9] = (byte) 0xf5;
        assertBad(encoding, "unknown encoding");
        byte[] noEnd = lp.clone();
        noEnd[lp.length - 1] = 1;
        assertBad(noEnd, "no end byte");
        assertBad(new byte[] {7, 0, 0, 0, 0, 0, (byte) 0xff, 0}.clone(), "bytes after the end");
        assertBad(new byte[] {0x0b, 0, 0, 0, 1, 0, (byte) 0xf0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}, "huge length");
    }

    private static void assertBad(byte[] lp, String what) {
        assertThrows(RdbFormatException.class, () -> Listpack.decode(lp), what);
    }
}
