package io.memstone.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Crc64Test {
    @Test
    void matchesRedisCheckValue() {
        byte[] check = PackedBuilders.bytes("123456789");
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.update(0, check, 0, check.length));
    }

    @Test
    void continuesAcrossChunksAndCoversOnlyTheRange() {
        byte[] b = PackedBuilders.bytes("xx123456789yy");
        long whole = Crc64.update(0, b, 2, 9);
        assertEquals(0xe9c6d914c4b8d9caL, whole);
        assertEquals(whole, Crc64.update(Crc64.update(0, b, 2, 4), b, 6, 5));
        assertEquals(0, Crc64.update(0, b, 0, 0));
    }
}
