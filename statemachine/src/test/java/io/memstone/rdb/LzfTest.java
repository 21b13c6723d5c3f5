package io.memstone.rdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LzfTest {
    @Test
    void roundTripsCompressibleInputOfManyShapes() {
        Random r = new Random(3);
        for (int n = 0; n < 300; n++) {
            byte[] in = new byte[r.nextInt(20_000)];
            int alphabet = 1 + r.nextInt(4);
            for (int i = 0; i < in.length; i++) in[i] = (byte) ('a' + r.nextInt(alphabet));
            byte[] c = Lzf.compress(in, in.length);
            if (in.length > 100) assertNotNull(c, "compressible input of " + in.length);
            if (c != null) assertArrayEquals(in, Lzf.decompress(c, 0, c.length, in.length));
        }
    }

    @Test
    void longRunsUseLongMatchesAndOverlappingCopies() {
        byte[] in = PackedBuilders.bytes("a".repeat(100_000));
        byte[] c = Lzf.compress(in, in.length);
        assertTrue(c.length < 1500, "length " + c.length);
        assertArrayEquals(in, Lzf.decompress(c, 0, c.length, in.length));
    }

    @Test
    void incompressibleInputGivesNull() {
        byte[] in = new byte[1000];
        new Random(1).nextBytes(in);
        assertNull(Lzf.compress(in, in.length - 4));
    }

    @Test
    void decodesLiteralRunsAndOverlappingMatches() {
        // A literal run of 3, a match of 8 bytes 3 back (overlapping itself), a literal run of 5.
        byte[] c = {2, 'a', 'b', 'c', (byte) (6 << 5), 2, 4, 'x', 'y', 'z', 'x', 'y'};
        assertArrayEquals(PackedBuilders.bytes("abcabcabcabxyzxy"), Lzf.decompress(c, 0, c.length, 16));
    }

    @Test
    void rejectsCorruptInput() {
        byte[] ok = Lzf.compress(PackedBuilders.bytes("hello hello hello hello hello"), 100);
        assertThrows(RdbFormatException.class, () -> Lzf.decompress(ok, 0, ok.length, 28), "wrong length");
        assertThrows(RdbFormatException.class, () -> Lzf.decompress(ok, 0, ok.length, 30), "wrong length");
        assertThrows(RdbFormatException.class, () -> Lzf.decompress(ok, 0, ok.length - 1, 29), "truncated");
        assertThrows(RdbFormatException.class, () -> Lzf.decompress(new byte[] {(byte) 0x20, 5}, 0, 2, 3), "match before start");
        assertThrows(RdbFormatException.class, () -> Lzf.decompress(new byte[] {31, 1}, 0, 2, 32), "literal past input");
        assertThrows(RdbFormatException.class, () -> Lzf.decompress(new byte[] {0, 1}, 0, 2, Integer.MAX_VALUE - 8),
                "a length no input of this size can give");
    }

    @Test
    void everyCorruptionFailsCleanly() {
        byte[] in = PackedBuilders.bytes("the quick brown fox jumps over the lazy dog ".repeat(20));
        byte[] c = Lzf.compress(in, in.length);
        Random r = new Random(5);
        for (int n = 0; n < 5000; n++) {
            byte[] bad = c.clone();
            bad[r.nextInt(bad.length)] ^= (byte) (1 + r.nextInt(255));
            try {
                Lzf.decompress(bad, 0, bad.length, in.length);
            } catch (RdbFormatException expected) {
                // rejected: fine; a flip that still decodes to in.length bytes is fine too
            }
        }
    }
}
