package io.memstone.rdb;

import static io.memstone.rdb.PackedBuilders.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZipmapTest {
    @Test
    void decodesPairsSkippingFreeSpaceAndLongLengths() {
        List<byte[]> pairs = List.of(bytes("f"), bytes("v"), bytes("k".repeat(300)), bytes(""), bytes(""), bytes("x"));
        List<byte[]> back = Zipmap.decode(PackedBuilders.zipmap(pairs, 3));
        assertEquals(pairs.size(), back.size());
        for (int i = 0; i < pairs.size(); i++) assertArrayEquals(pairs.get(i), back.get(i));
    }

    @Test
    void rejectsEmptyTruncatedAndMiscounted() {
        assertThrows(RdbFormatException.class, () -> Zipmap.decode(new byte[] {0, (byte) 0xff}));
        byte[] zm = PackedBuilders.zipmap(List.of(bytes("f"), bytes("v")), 0);
        assertThrows(RdbFormatException.class, () -> Zipmap.decode(java.util.Arrays.copyOf(zm, zm.length - 1)));
        byte[] count = zm.clone();
        count[0] = 2;
        assertThrows(RdbFormatException.class, () -> Zipmap.decode(count));
        byte[] free = zm.clone();
        free[4] = 100;
        assertThrows(RdbFormatException.class, () -> Zipmap.decode(free));
    }
}
