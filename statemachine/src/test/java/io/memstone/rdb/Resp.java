package io.memstone.rdb;

import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Contents of raw RESP2 replies, for tests that read values back from redis-server. */
final class Resp {
    private Resp() {}

    /** A bulk string's contents ({@code $n\r\n...\r\n}), null for {@code $-1}. */
    static byte[] bulk(byte[] reply) {
        if (reply[0] != '$') throw new AssertionError("not a bulk string: " + new String(reply, StandardCharsets.ISO_8859_1));
        int crlf = indexOfCrlf(reply);
        int n = Integer.parseInt(new String(reply, 1, crlf - 1, StandardCharsets.US_ASCII));
        return n < 0 ? null : Arrays.copyOfRange(reply, crlf + 2, crlf + 2 + n);
    }

    /** An array of bulk strings' contents. */
    static List<byte[]> bulks(byte[] reply) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] e : RawRespClient.arrayElements(reply)) out.add(bulk(e));
        return out;
    }

    static String text(byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1);
    }

    private static int indexOfCrlf(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') return i;
        }
        throw new AssertionError("no CRLF");
    }
}
