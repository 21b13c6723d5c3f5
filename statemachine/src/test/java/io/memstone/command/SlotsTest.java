package io.memstone.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SlotsTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void crc16IsXmodem() {
        byte[] data = b("123456789");
        assertEquals(0x31C3, Slots.crc16(data, 0, data.length));
    }

    @Test
    void slotOfFooMatchesRedisCluster() {
        assertEquals(12182, Slots.slot(b("foo")));
    }

    @Test
    void keysWithTheSameHashTagShareASlot() {
        assertEquals(Slots.slot(b("{user1000}.following")), Slots.slot(b("{user1000}.followers")));
        assertEquals(Slots.slot(b("user1000")), Slots.slot(b("{user1000}.following")));
    }

    @Test
    void emptyOrUnclosedHashTagHashesTheWholeKey() {
        byte[] empty = b("{}.foo");
        byte[] unclosed = b("{foo");
        assertEquals(Slots.crc16(empty, 0, empty.length) & 16383, Slots.slot(empty));
        assertEquals(Slots.crc16(unclosed, 0, unclosed.length) & 16383, Slots.slot(unclosed));
        assertEquals(Slots.slot(b("bar")), Slots.slot(b("foo{bar}{zap}")));
    }

    @Test
    void keysInDifferentSlotsAreCrossSlot() {
        byte[][] argv = {b("MGET"), b("foo"), b("bar")};
        assertEquals(Slots.CROSS_SLOT, Slots.slotOf(argv, new int[] {1, 2}));
        byte[][] tagged = {b("MGET"), b("{t}a"), b("{t}b")};
        assertEquals(Slots.slot(b("t")), Slots.slotOf(tagged, new int[] {1, 2}));
    }
}
