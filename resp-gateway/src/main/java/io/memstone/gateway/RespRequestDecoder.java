package io.memstone.gateway;

import io.memstone.engine.Numbers;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns request bytes into commands ({@code byte[][]} argv) exactly as redis-server 7.0 parses
 * its query buffer (networking.c processMultibulkBuffer / processInlineBuffer), including what
 * it tolerates: the two bytes after a bulk and after a header's '\r' are skipped unchecked,
 * {@code *0} and negative counts are ignored, and a NUL byte ends the search for a line end (Redis
 * uses strchr). On the first malformed request it emits one {@link ProtocolError} and ignores
 * everything after it: the connection answers the error and closes, like Redis.
 */
final class RespRequestDecoder extends ByteToMessageDecoder {
    static final int INLINE_MAX_SIZE = 64 * 1024;

    /**
     * proto-max-bulk-len (a longer bulk is a protocol error) and client-query-buffer-limit (a
     * connection with more unparsed bytes than this is closed, without a reply, as Redis does).
     */
    record Limits(long maxBulkLen, long queryBufferLimit) {
        static final Limits DEFAULT = new Limits(512L * 1024 * 1024, 1024L * 1024 * 1024);
    }

    private final java.util.function.Supplier<Limits> limits;
    private static final Logger LOG = LoggerFactory.getLogger(RespRequestDecoder.class);
    private static final int NONE = -1;
    /** "-9223372036854775808" is the longest valid number; longer headers are invalid. */
    private static final int MAX_DIGITS = 20;

    /** Arguments still expected by the multibulk request being read; 0 when none is. */
    private long multibulkLen;
    /** Length of the bulk being read, or NONE before its header. */
    private long bulkLen = NONE;
    private List<byte[]> args;
    private boolean failed;

    /** {@code limits} is read as each request is parsed: a change applies to open connections too. */
    RespRequestDecoder(java.util.function.Supplier<Limits> limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!failed && in.readableBytes() > limits.get().queryBufferLimit()) {
            failed = true;
            LOG.info("closing {}: its query buffer passed client-query-buffer-limit ({} bytes)", ctx.channel().remoteAddress(),
                    in.readableBytes());
            ctx.close();
        }
        while (in.isReadable() && !failed) {
            int before = in.readerIndex();
            if (multibulkLen == 0 && in.getByte(before) != '*') {
                decodeInline(in, out);
            } else {
                decodeMultibulk(in, out);
            }
            if (in.readerIndex() == before && !failed) return;
        }
        if (failed) in.skipBytes(in.readableBytes());
    }

    private void decodeInline(ByteBuf in, List<Object> out) {
        int newline = lineEnd(in, '\n');
        if (newline < 0) {
            if (in.readableBytes() > INLINE_MAX_SIZE) fail(out, "too big inline request");
            return;
        }
        int start = in.readerIndex();
        int end = newline > start && in.getByte(newline - 1) == '\r' ? newline - 1 : newline;
        byte[] line = new byte[end - start];
        in.getBytes(start, line);
        in.readerIndex(newline + 1);
        byte[][] argv = InlineArgs.split(line);
        if (argv == null) {
            fail(out, "unbalanced quotes in request");
        } else if (argv.length > 0) {
            out.add(argv);
        }
    }

    private void decodeMultibulk(ByteBuf in, List<Object> out) {
        if (multibulkLen == 0) {
            OptionalLong count = header(in, out, "too big mbulk count string");
            if (count == null) return;
            if (count.isEmpty() || count.getAsLong() > Integer.MAX_VALUE) {
                fail(out, "invalid multibulk length");
                return;
            }
            if (count.getAsLong() <= 0) return;
            multibulkLen = count.getAsLong();
            args = new ArrayList<>((int) Math.min(multibulkLen, 1024));
        }
        while (multibulkLen > 0) {
            if (bulkLen == NONE) {
                int start = in.readerIndex();
                OptionalLong len = header(in, out, "too big bulk count string");
                if (len == null) return;
                byte type = in.getByte(start);
                if (type != '$') {
                    fail(out, "expected '$', got '" + (char) (type & 0xff) + "'");
                    return;
                }
                if (len.isEmpty() || len.getAsLong() < 0 || len.getAsLong() > limits.get().maxBulkLen()) {
                    fail(out, "invalid bulk length");
                    return;
                }
                bulkLen = len.getAsLong();
            }
            if (in.readableBytes() < bulkLen + 2) return;
            byte[] arg = new byte[(int) bulkLen];
            in.readBytes(arg);
            in.skipBytes(2);
            args.add(arg);
            bulkLen = NONE;
            multibulkLen--;
        }
        out.add(args.toArray(new byte[0][]));
        args = null;
    }

    /**
     * Reads a "{@code <type><number>\r?}" header line and returns its number (empty when not a
     * valid number). Returns null, consuming nothing, when the line is not complete yet (or
     * failed as too long). The type byte stays in the buffer at the old reader index.
     */
    private OptionalLong header(ByteBuf in, List<Object> out, String tooBig) {
        int cr = lineEnd(in, '\r');
        if (cr < 0) {
            if (in.readableBytes() > INLINE_MAX_SIZE) fail(out, tooBig);
            return null;
        }
        // Redis wants one more byte after '\r' and skips it whatever it is.
        if (cr + 1 >= in.writerIndex()) return null;
        int start = in.readerIndex() + 1;
        int len = cr - start;
        OptionalLong value = OptionalLong.empty();
        if (len <= MAX_DIGITS) {
            byte[] digits = new byte[len];
            in.getBytes(start, digits);
            value = Numbers.string2ll(digits);
        }
        in.readerIndex(cr + 2);
        return value;
    }

    /** Index of the first {@code b}, or -1 if absent or a NUL comes first (C strchr). */
    private static int lineEnd(ByteBuf in, char b) {
        for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
            byte c = in.getByte(i);
            if (c == b) return i;
            if (c == 0) return -1;
        }
        return -1;
    }

    private void fail(List<Object> out, String what) {
        failed = true;
        out.add(new ProtocolError("ERR Protocol error: " + what));
    }
}
