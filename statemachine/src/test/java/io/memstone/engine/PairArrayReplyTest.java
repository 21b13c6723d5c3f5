package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Member/score pairs: flat in RESP2, nested in RESP3, and intact between nodes. */
class PairArrayReplyTest {
    private static final Reply PAIRS = new Reply.PairArray(
            List.of(Reply.bulk("a"), new Reply.DoubleReply("1.5"), Reply.bulk("b"), new Reply.DoubleReply("inf")));

    @Test
    void flatInResp2() {
        assertEquals("*4\r\n$1\r\na\r\n$3\r\n1.5\r\n$1\r\nb\r\n$3\r\ninf\r\n", encode(PAIRS, RespWriter.RESP2));
    }

    @Test
    void nestedPairsInResp3() {
        assertEquals("*2\r\n*2\r\n$1\r\na\r\n,1.5\r\n*2\r\n$1\r\nb\r\n,inf\r\n", encode(PAIRS, RespWriter.RESP3));
    }

    @Test
    void survivesTheTripBetweenNodes() {
        Reply back = ReplyCodec.decode(ReplyCodec.encode(PAIRS));
        assertEquals(encode(PAIRS, RespWriter.RESP2), encode(back, RespWriter.RESP2));
        assertEquals(encode(PAIRS, RespWriter.RESP3), encode(back, RespWriter.RESP3));
    }

    private static String encode(Reply r, int protocol) {
        return new String(RespWriter.encode(r, protocol), StandardCharsets.UTF_8);
    }
}
