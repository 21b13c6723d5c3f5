package io.memstone.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The string commands that read or write part of a string, and LCS, after Redis' t_string.c. */
final class StringRangeCommands {
    private StringRangeCommands() {}

    private static final Reply EMPTY = Reply.bulk(new byte[0]);
    private static final Reply OFFSET_OUT_OF_RANGE = Reply.error("ERR offset is out of range");
    private static final Reply LCS_NOT_STRINGS = Reply.error("ERR The specified keys must contain string values");
    private static final Reply LCS_LEN_AND_IDX =
            Reply.error("ERR If you want both the length and indexes, please just use IDX.");
    private static final Reply LCS_TOO_BIG =
            Reply.error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");

    static void register(CommandRegistry r) {
        r.register("getrange", StringRangeCommands::getrange);
        r.register("substr", StringRangeCommands::getrange);
        r.register("setrange", StringRangeCommands::setrange);
        r.register("lcs", StringRangeCommands::lcs);
    }

    /** Inclusive byte range, negative indexes from the end, clamped; empty when inverted. */
    static Reply getrange(CommandContext ctx) {
        long start = ctx.longArg(2);
        long end = ctx.longArg(3);
        StringValue v = ctx.lookupString(ctx.key(1));
        if (v == null) return EMPTY;
        long length = v.length();
        if (start < 0 && end < 0 && start > end) return EMPTY;
        if (start < 0) start = Math.max(length + start, 0);
        if (end < 0) end = Math.max(length + end, 0);
        if (end >= length) end = length - 1;
        if (start > end || length == 0) return EMPTY;
        return Reply.bulk(Arrays.copyOfRange(v.peek(), (int) start, (int) end + 1));
    }

    /**
     * Overwrites from the offset, zero-padding a gap; an empty value changes nothing (and does
     * not create the key) but still reports the length.
     */
    static Reply setrange(CommandContext ctx) {
        long offset = ctx.longArg(2);
        if (offset < 0) return OFFSET_OUT_OF_RANGE;
        byte[] value = ctx.argv[3];
        Key key = ctx.key(1);
        StringValue v = ctx.lookupString(key);
        if (value.length == 0) return Reply.integer(v == null ? 0 : v.length());
        StringCommands.checkLength(offset, value.length);
        if (v == null) {
            v = StringValue.zeros(offset + value.length);
            ctx.keyspace.putKeepingTtl(key, v);
        } else {
            v.writable(offset + value.length);
        }
        v.write((int) offset, value);
        return Reply.integer(v.length());
    }

    /** LCS: the subsequence itself, its length (LEN) or the matching ranges (IDX). */
    static Reply lcs(CommandContext ctx) {
        RedisValue a = ctx.lookup(ctx.key(1));
        RedisValue b = ctx.lookup(ctx.key(2));
        if ((a != null && !(a instanceof StringValue)) || (b != null && !(b instanceof StringValue))) {
            return LCS_NOT_STRINGS;
        }
        boolean len = false, idx = false, withMatchLen = false;
        long minMatchLen = 0;
        for (int i = 3; i < ctx.argc(); i++) {
            String opt = ctx.option(i);
            if (opt.equals("idx")) {
                idx = true;
            } else if (opt.equals("len")) {
                len = true;
            } else if (opt.equals("withmatchlen")) {
                withMatchLen = true;
            } else if (opt.equals("minmatchlen") && i + 1 < ctx.argc()) {
                minMatchLen = Math.max(ctx.longArg(++i), 0);
            } else {
                return Errors.SYNTAX;
            }
        }
        if (len && idx) return LCS_LEN_AND_IDX;
        byte[] x = a == null ? new byte[0] : ((StringValue) a).bytes();
        byte[] y = b == null ? new byte[0] : ((StringValue) b).bytes();
        if ((long) (x.length + 1) * (y.length + 1) * Integer.BYTES > StringCommands.MAX_STRING_LENGTH) {
            return LCS_TOO_BIG;
        }
        Lcs lcs = new Lcs(x, y);
        if (len) return Reply.integer(lcs.length());
        if (!idx) return Reply.bulk(lcs.subsequence());
        List<Reply> matches = new ArrayList<>();
        for (Lcs.Match m : lcs.matches()) {
            if (m.length() < minMatchLen) continue;
            List<Reply> item = new ArrayList<>(List.of(range(m.aStart(), m.length()), range(m.bStart(), m.length())));
            if (withMatchLen) item.add(Reply.integer(m.length()));
            matches.add(Reply.array(item));
        }
        return new Reply.MapReply(List.of(Reply.bulk("matches"), Reply.array(matches),
                Reply.bulk("len"), Reply.integer(lcs.length())));
    }

    private static Reply range(int start, int length) {
        return Reply.array(List.of(Reply.integer(start), Reply.integer(start + length - 1)));
    }
}
