package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * XREAD's reply shape: an array of [key, entries] pairs in RESP2, a map in RESP3 (as Redis 7.0
 * answers), and the same shape after a trip between nodes through {@link ReplyCodec}.
 */
class KeyedArraysReplyTest {
    private static final Reply XREAD = new Reply.KeyedArrays(List.of(Reply.bulk("a"), Reply.EMPTY_ARRAY,
            Reply.bulk("b"), Reply.array(List.of(Reply.bulk("1-1")))));

    @Test
    void resp2IsAnArrayOfPairsAndResp3AMap() {
        assertEquals("*2\r\n*2\r\n$1\r\na\r\n*0\r\n*2\r\n$1\r\nb\r\n*1\r\n$3\r\n1-1\r\n", resp(XREAD, RespWriter.RESP2));
        assertEquals("%2\r\n$1\r\na\r\n*0\r\n$1\r\nb\r\n*1\r\n$3\r\n1-1\r\n", resp(XREAD, RespWriter.RESP3));
    }

    @Test
    void theShapeSurvivesTheTripBetweenNodes() {
        Reply carried = ReplyCodec.decode(ReplyCodec.encode(XREAD));
        assertEquals(resp(XREAD, RespWriter.RESP2), resp(carried, RespWriter.RESP2));
        assertEquals(resp(XREAD, RespWriter.RESP3), resp(carried, RespWriter.RESP3));
    }

    private static String resp(Reply r, int protocol) {
        return new String(RespWriter.encode(r, protocol), StandardCharsets.ISO_8859_1);
    }
}
