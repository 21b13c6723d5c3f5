package io.memstone.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries a {@link Reply} between nodes (a gateway on a follower receives replies computed on
 * the leader). The form is RESP3 with RESP2's {@code *-1} kept for the null array, so that the
 * receiving gateway can still encode the reply for a RESP2 or RESP3 client exactly.
 */
public final class ReplyCodec {
    private ReplyCodec() {}

    /** Type byte of a {@link Reply.PairArray} (count of its flat items), which RESP has no type for. */
    static final char PAIRS = '&';
    /** Type byte of a {@link Reply.KeyedArrays} (count of its flat items). */
    static final char KEYED_ARRAYS = '@';

    public static byte[] encode(Reply reply) {
        return RespWriter.encode(reply, RespWriter.INTERNAL);
    }

    public static Reply decode(byte[] bytes) {
        var reader = new Reader(bytes);
        Reply r = reader.read();
        if (reader.pos != bytes.length) {
            throw new IllegalArgumentException("trailing bytes after reply at " + reader.pos);
        }
        return r;
    }

    private static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        Reply read() {
            byte type = buf[pos++];
            String line = line();
            switch (type) {
                case '+': return new Reply.Simple(line);
                case '-': return new Reply.Error(line);
                case ':': return Reply.integer(Long.parseLong(line));
                case '_': return Reply.NULL;
                case ',': return new Reply.DoubleReply(line);
                case '#': return new Reply.Bool(line.equals("t"));
                case '$': return new Reply.Bulk(bytes(Integer.parseInt(line)));
                case '=': {
                    byte[] b = bytes(Integer.parseInt(line));
                    return new Reply.Verbatim(new String(b, 0, 3, StandardCharsets.US_ASCII),
                            java.util.Arrays.copyOfRange(b, 4, b.length));
                }
                case '*': {
                    int n = Integer.parseInt(line);
                    return n < 0 ? Reply.NULL_ARRAY : new Reply.Array(items(n));
                }
                case PAIRS: return new Reply.PairArray(items(Integer.parseInt(line)));
                case KEYED_ARRAYS: return new Reply.KeyedArrays(items(Integer.parseInt(line)));
                case '~': return new Reply.SetReply(items(Integer.parseInt(line)));
                case '%': return new Reply.MapReply(items(2 * Integer.parseInt(line)));
                default: throw new IllegalArgumentException("unknown reply type '" + (char) type + "'");
            }
        }

        private List<Reply> items(int n) {
            List<Reply> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) items.add(read());
            return items;
        }

        private byte[] bytes(int len) {
            byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + len);
            pos += len + 2;
            return b;
        }

        private String line() {
            int start = pos;
            while (buf[pos] != '\r') pos++;
            String s = new String(buf, start, pos - start, StandardCharsets.UTF_8);
            pos += 2;
            return s;
        }
    }
}
