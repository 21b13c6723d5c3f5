package io.memstone.rdb;

import static io.memstone.rdb.PackedBuilders.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZiplistTest {
    @Test
    void decodesEveryEntryKindAndBothPrevlenSizes() {
        List<byte[]> entries = new ArrayList<>();
        for (String s : new String[] {"0", "12", "13", "-1", "127", "-128", "128", "32767", "-32768", "32768",
                "8388607", "-8388608", "8388608", "2147483647", "-2147483648", "2147483648",
                "9223372036854775807", "-9223372036854775808", "007", "", "a"}) {
            entries.add(bytes(s));
        }
        entries.add(bytes("x".repeat(300)));
        entries.add(bytes("after a long one"));
        entries.add(bytes("y".repeat(16384)));
        List<byte[]> back = Ziplist.decode(PackedBuilders.ziplist(entries));
        assertEquals(entries.size(), back.size());
        for (int i = 0; i < back.size(); i++) assertArrayEquals(entries.get(i), back.get(i), "entry " + i);
    }

    @Test
    void emptyZiplistDecodesEmpty() {
        assertEquals(0, Ziplist.decode(PackedBuilders.ziplist(List.of())).size());
    }

    @Test
    void rejectsInconsistentZiplists() {
        byte[] zl = PackedBuilders.ziplist(List.of(bytes("ab"), bytes("5"), bytes("cd")));
        assertBad(java.util.Arrays.copyOf(zl, zl.length - 1), "truncated");
        byte[] tail = zl.clone();
        tail[4]++;
        assertBad(tail, "tail offset");
        byte[] count = zl.clone();
        count[8] = 2;
        assertBad(count, "count");
        byte[] prevlen = zl.clone();
        prevlen[14] = 9;
        assertBad(prevlen, "prevlen");
        byte[] encoding = zl.clone();
        encoding[15] = (byte) 0x81; // the 32-bit length form has no low bits
        assertBad(encoding, "string encoding");
        assertBad(new byte[] {11, 0, 0, 0, 10, 0, 0, 0, 0, 0, (byte) 0xff, 0}.clone(), "size header");
    }

    private static void assertBad(byte[] zl, String what) {
        assertThrows(RdbFormatException.class, () -> Ziplist.decode(zl), what);
    }
}
