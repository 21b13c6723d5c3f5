package io.memstone.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntsetTest {
    @Test
    void decodesEachWidthWithSigns() {
        assertEquals(List.of("-32768", "-1", "0", "32767"), texts(Intset.decode(PackedBuilders.intset(2, -32768, -1, 0, 32767))));
        assertEquals(List.of("-2147483648", "70000"), texts(Intset.decode(PackedBuilders.intset(4, -2147483648L, 70000))));
        assertEquals(List.of("-9223372036854775808", "9223372036854775807"),
                texts(Intset.decode(PackedBuilders.intset(8, Long.MIN_VALUE, Long.MAX_VALUE))));
    }

    @Test
    void rejectsBadWidthSizeOrderAndEmptiness() {
        assertThrows(RdbFormatException.class, () -> Intset.decode(PackedBuilders.intset(3, 1)));
        assertThrows(RdbFormatException.class, () -> Intset.decode(PackedBuilders.intset(2)));
        assertThrows(RdbFormatException.class, () -> Intset.decode(PackedBuilders.intset(2, 2, 1)));
        assertThrows(RdbFormatException.class, () -> Intset.decode(PackedBuilders.intset(2, 1, 1)));
        byte[] lying = PackedBuilders.intset(2, 1, 2);
        lying[4] = (byte) 0xff;
        assertThrows(RdbFormatException.class, () -> Intset.decode(lying));
        assertThrows(RdbFormatException.class, () -> Intset.decode(new byte[] {2, 0}));
    }

    private static List<String> texts(List<byte[]> b) {
        List<String> out = new ArrayList<>();
        for (byte[] x : b) out.add(new String(x, java.nio.charset.StandardCharsets.US_ASCII));
        return out;
    }
}
