package io.memstone.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes a {@link Reply} in the RESP version a connection speaks. */
public final class RespWriter {
    public static final int RESP2 = 2;
    public static final int RESP3 = 3;
    /** RESP3 that keeps RESP2's null array apart from the null bulk: see {@link ReplyCodec}. */
    static final int INTERNAL = 4;

    private static final byte[] CRLF = {'\r', '\n'};

    private RespWriter() {}

    public static byte[] encode(Reply reply, int protocol) {
        var out = new java.io.ByteArrayOutputStream(64);
        write(reply, protocol, out);
        return out.toByteArray();
    }

    public static void write(Reply reply, int protocol, OutputStream out) {
        try {
            writeReply(reply, protocol, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeReply(Reply reply, int protocol, OutputStream out) throws IOException {
        boolean resp3 = protocol >= RESP3;
        if (reply instanceof Reply.Simple s) {
            line(out, '+', s.text());
        } else if (reply instanceof Reply.Error e) {
            line(out, '-', e.text());
        } else if (reply instanceof Reply.Int i) {
            line(out, ':', Long.toString(i.value()));
        } else if (reply instanceof Reply.Bulk b) {
            bulk(out, b.value());
        } else if (reply instanceof Reply.NullBulk) {
            out.write(resp3 ? NULL3 : NULL_BULK2);
        } else if (reply instanceof Reply.NullArray) {
            out.write(resp3 && protocol != INTERNAL ? NULL3 : NULL_ARRAY2);
        } else if (reply instanceof Reply.Array a) {
            aggregate(out, '*', a.items(), protocol);
        } else if (reply instanceof Reply.PairArray p) {
            pairs(out, p.flat(), protocol);
        } else if (reply instanceof Reply.SetReply s) {
            aggregate(out, resp3 ? '~' : '*', s.items(), protocol);
        } else if (reply instanceof Reply.MapReply m) {
            if (resp3) {
                line(out, '%', Integer.toString(m.keysAndValues().size() / 2));
                for (Reply r : m.keysAndValues()) writeReply(r, protocol, out);
            } else {
                aggregate(out, '*', m.keysAndValues(), protocol);
            }
        } else if (reply instanceof Reply.KeyedArrays k) {
            keyedArrays(out, k.keysAndValues(), protocol);
        } else if (reply instanceof Reply.DoubleReply d) {
            if (resp3) line(out, ',', d.text());
            else bulk(out, d.text().getBytes(StandardCharsets.US_ASCII));
        } else if (reply instanceof Reply.Bool b) {
            if (resp3) line(out, '#', b.value() ? "t" : "f");
            else line(out, ':', b.value() ? "1" : "0");
        } else if (reply instanceof Reply.Push p) {
            aggregate(out, resp3 && protocol != INTERNAL ? '>' : '*', p.items(), protocol);
        } else if (reply instanceof Reply.Sequence s) {
            for (Reply r : s.replies()) writeReply(r, protocol, out);
        } else if (reply instanceof Reply.Verbatim v) {
            if (resp3) {
                byte[] prefix = (v.format() + ":").getBytes(StandardCharsets.US_ASCII);
                line(out, '=', Integer.toString(prefix.length + v.value().length));
                out.write(prefix);
                out.write(v.value());
                out.write(CRLF);
            } else {
                bulk(out, v.value());
            }
        }
    }

    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_BULK2 = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY2 = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);

    private static void aggregate(OutputStream out, char type, List<Reply> items, int protocol)
            throws IOException {
        line(out, type, Integer.toString(items.size()));
        for (Reply r : items) writeReply(r, protocol, out);
    }

    /** Flat in RESP2; nested pairs in RESP3; marked with its own type byte between nodes. */
    private static void pairs(OutputStream out, List<Reply> flat, int protocol) throws IOException {
        if (protocol == INTERNAL) {
            aggregate(out, ReplyCodec.PAIRS, flat, protocol);
        } else if (protocol >= RESP3) {
            line(out, '*', Integer.toString(flat.size() / 2));
            for (int i = 0; i < flat.size(); i += 2) aggregate(out, '*', flat.subList(i, i + 2), protocol);
        } else {
            aggregate(out, '*', flat, protocol);
        }
    }

    /** A map in RESP3; nested pairs in RESP2; marked with its own type byte between nodes. */
    private static void keyedArrays(OutputStream out, List<Reply> flat, int protocol) throws IOException {
        if (protocol == INTERNAL) {
            aggregate(out, ReplyCodec.KEYED_ARRAYS, flat, protocol);
        } else if (protocol >= RESP3) {
            line(out, '%', Integer.toString(flat.size() / 2));
            for (Reply r : flat) writeReply(r, protocol, out);
        } else {
            line(out, '*', Integer.toString(flat.size() / 2));
            for (int i = 0; i < flat.size(); i += 2) aggregate(out, '*', flat.subList(i, i + 2), protocol);
        }
    }

    private static void bulk(OutputStream out, byte[] value) throws IOException {
        line(out, '$', Integer.toString(value.length));
        out.write(value);
        out.write(CRLF);
    }

    private static void line(OutputStream out, char type, String text) throws IOException {
        out.write(type);
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }
}
