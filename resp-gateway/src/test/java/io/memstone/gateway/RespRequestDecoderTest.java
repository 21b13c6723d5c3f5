package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespRequestDecoderTest {

    /** Feeds the bytes in chunks of {@code chunk} and returns every decoded message. */
    private static List<Object> decode(String input, int chunk) {
        EmbeddedChannel ch = new EmbeddedChannel(new RespRequestDecoder(() -> RespRequestDecoder.Limits.DEFAULT));
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk))));
        }
        List<Object> out = new java.util.ArrayList<>();
        for (Object m; (m = ch.readInbound()) != null; ) out.add(m);
        ch.finishAndReleaseAll();
        return out;
    }

    private static List<String> words(Object argv) {
        return Arrays.stream((byte[][]) argv).map(a -> new String(a, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void multibulkSplitAtEveryByteDecodesTheSame() {
        String input = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nva\r\nl\r\n*1\r\n$4\r\nPING\r\n";
        for (int chunk = 1; chunk <= input.length(); chunk++) {
            List<Object> out = decode(input, chunk);
            assertEquals(2, out.size(), "chunk " + chunk);
            assertEquals(List.of("SET", "k", "va\r\nl"), words(out.get(0)), "chunk " + chunk);
            assertEquals(List.of("PING"), words(out.get(1)), "chunk " + chunk);
        }
    }

    @Test
    void emptyBulkIsAnEmptyArgument() {
        assertEquals(List.of("ECHO", ""), words(decode("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", 100).get(0)));
    }

    @Test
    void inlineCommandsSplitLikeSdssplitargs() {
        List<Object> out = decode("SET  k \"a\\x41\\tb\" 'it\\'s'\r\nPING\n", 3);
        assertEquals(List.of("SET", "k", "aA\tb", "it's"), words(out.get(0)));
        assertEquals(List.of("PING"), words(out.get(1)));
    }

    @Test
    void nulByteStopsTheSearchForALineEndLikeStrchr() {
        assertEquals(List.of(), decode("PI\0NG\r\n", 100));
    }

    @Test
    void protocolErrorIsEmittedOnceAndLaterBytesAreIgnored() {
        List<Object> out = decode("*1\r\n$4\r\nPING\r\n*1\r\n$-3\r\n*1\r\n$4\r\nPING\r\n", 5);
        assertEquals(2, out.size());
        assertEquals(List.of("PING"), words(out.get(0)));
        assertEquals(new ProtocolError("ERR Protocol error: invalid bulk length"), out.get(1));
    }

    @Test
    void unterminatedMultibulkHeaderOver64KbIsTooBig() {
        List<Object> out = decode("*" + "1".repeat(70_000), 4096);
        assertEquals(List.of(new ProtocolError("ERR Protocol error: too big mbulk count string")), out);
    }

    @Test
    void unbalancedQuotesAreRejected() {
        assertNull(InlineArgs.split("ECHO \"abc".getBytes(StandardCharsets.US_ASCII)));
        assertNull(InlineArgs.split("ECHO 'a'b".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(new byte[0][], InlineArgs.split("   ".getBytes(StandardCharsets.US_ASCII)));
    }
}
