package io.memstone.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream commands that write and read entries, after Redis 7.0's t_stream.c: XADD, XRANGE,
 * XREVRANGE, XLEN, XDEL, XTRIM, XSETID. Consumer groups are in {@link StreamGroupCommands},
 * XREAD and XREADGROUP in {@link StreamReadCommand}, XINFO in {@link StreamInfoCommand}.
 * IDs that {@code *} generates come from the entry's time and never go backwards.
 */
final class StreamCommands {
    private StreamCommands() {}

    private static final Reply MAXLEN_AND_MINID = Reply.error(
            "ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
    private static final Reply MAXLEN_NEGATIVE = Reply.error("ERR The MAXLEN argument must be >= 0.");
    private static final Reply LIMIT_NEGATIVE = Reply.error("ERR The LIMIT argument must be >= 0.");
    private static final Reply LIMIT_WITHOUT_STRATEGY = Reply.error(
            "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
    private static final Reply XTRIM_WITHOUT_STRATEGY = Reply.error(
            "ERR syntax error, XTRIM must be called with a trimming strategy");
    private static final Reply LIMIT_WITHOUT_APPROX = Reply.error(
            "ERR syntax error, LIMIT cannot be used without the special ~ option");
    private static final Reply ADD_ZERO = Reply.error("ERR The ID specified in XADD must be greater than 0-0");
    private static final Reply EXHAUSTED = Reply.error(
            "ERR The stream has exhausted the last possible ID, unable to add more items");
    private static final Reply ADD_TOO_SMALL = Reply.error(
            "ERR The ID specified in XADD is equal or smaller than the target stream top item");
    private static final Reply TOO_LARGE = Reply.error("ERR Elements are too large to be stored");
    private static final Reply BAD_START = Reply.error("ERR invalid start ID for the interval");
    private static final Reply BAD_END = Reply.error("ERR invalid end ID for the interval");
    private static final Reply SETID_BELOW_DELETED = Reply.error(
            "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
    private static final Reply SETID_BELOW_TOP = Reply.error(
            "ERR The ID specified in XSETID is smaller than the target stream top item");
    private static final Reply SETID_ADDED_BELOW_LENGTH = Reply.error(
            "ERR The entries_added specified in XSETID is smaller than the target stream length");
    private static final Reply ENTRIES_ADDED_NEGATIVE = Reply.error("ERR entries_added must be positive");
    /** Redis' STREAM_LISTPACK_MAX_SIZE: an entry's fields and values together may not exceed it. */
    private static final long MAX_ENTRY_BYTES = 1L << 30;

    static void register(CommandRegistry r) {
        r.register("xadd", StreamCommands::xadd);
        r.register("xrange", ctx -> rangeGeneric(ctx, false));
        r.register("xrevrange", ctx -> rangeGeneric(ctx, true));
        r.register("xlen", StreamCommands::xlen);
        r.register("xdel", StreamCommands::xdel);
        r.register("xtrim", StreamCommands::xtrim);
        r.register("xsetid", StreamCommands::xsetid);
        StreamReadCommand.register(r);
        StreamGroupCommands.register(r);
        StreamInfoCommand.register(r);
    }

    /** XADD's and XTRIM's options: the trim (null for none), NOMKSTREAM, and XADD's ID position. */
    private record AddOrTrim(StreamValue.Trim trim, boolean noMkStream, int idPos, StreamId.Parsed id) {}

    /** Redis' streamParseAddOrTrimArgsOrReply, checks in its order. */
    private static AddOrTrim parseAddOrTrim(CommandContext ctx, boolean xadd) {
        boolean byLength = false, byId = false, approx = false, limitGiven = false, noMkStream = false;
        long maxLength = 0, limit = 0;
        StreamId minId = StreamId.MIN;
        StreamId.Parsed id = null;
        int i = 2;
        for (; i < ctx.argc(); i++) {
            int more = ctx.argc() - 1 - i;
            String opt = ctx.option(i);
            if (xadd && opt.equals("*")) {
                break;
            } else if ((opt.equals("maxlen") || opt.equals("minid")) && more > 0) {
                if (byLength || byId) throw new CommandError(MAXLEN_AND_MINID);
                approx = false;
                if (more >= 2 && ctx.option(i + 1).equals("~")) {
                    approx = true;
                    i++;
                } else if (more >= 2 && ctx.option(i + 1).equals("=")) {
                    i++;
                }
                if (opt.equals("maxlen")) {
                    maxLength = ctx.longArg(i + 1);
                    if (maxLength < 0) throw new CommandError(MAXLEN_NEGATIVE);
                    byLength = true;
                } else {
                    minId = StreamId.strictArg(ctx.argv[i + 1]);
                    byId = true;
                }
                i++;
            } else if (opt.equals("limit") && more > 0) {
                limit = ctx.longArg(i + 1);
                if (limit < 0) throw new CommandError(LIMIT_NEGATIVE);
                limitGiven = true;
                i++;
            } else if (xadd && opt.equals("nomkstream")) {
                noMkStream = true;
            } else if (xadd) {
                id = StreamId.parse(ctx.argv[i], 0, true, true);
                if (id == null) throw new CommandError(StreamId.INVALID);
                break;
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        boolean strategy = byLength || byId;
        if (limit != 0 && !strategy) throw new CommandError(LIMIT_WITHOUT_STRATEGY);
        if (!xadd && !strategy) throw new CommandError(XTRIM_WITHOUT_STRATEGY);
        if (limitGiven && !approx) throw new CommandError(LIMIT_WITHOUT_APPROX);
        // Redis: at most 100 nodes' worth of entries unless LIMIT says otherwise (0: no limit).
        if (!limitGiven) limit = approx ? 100 * ctx.limits.streamNodeMaxEntries() : 0;
        StreamValue.Trim trim = strategy ? new StreamValue.Trim(byLength, maxLength, minId, approx, limit) : null;
        return new AddOrTrim(trim, noMkStream, i, id);
    }

    static Reply xadd(CommandContext ctx) {
        AddOrTrim args = parseAddOrTrim(ctx, true);
        int fieldPos = args.idPos() + 1;
        int pairs = ctx.argc() - fieldPos;
        if (pairs < 2 || pairs % 2 == 1) return Errors.wrongArity(ctx.name());
        StreamId.Parsed given = args.id();
        if (given != null && given.seqGiven() && given.id().isZero()) return ADD_ZERO;
        Key key = ctx.key(1);
        StreamValue s = ctx.lookupStream(key);
        if (s == null) {
            if (args.noMkStream()) return Reply.NULL;
            s = new StreamValue(ctx.limits);
            ctx.keyspace.putKeepingTtl(key, s);
        }
        if (s.lastId.equals(StreamId.MAX)) return EXHAUSTED;
        StreamId id = newId(s, given, ctx.nowMs);
        if (id == null || id.compareTo(s.lastId) <= 0) return ADD_TOO_SMALL;
        byte[][] fieldsValues = java.util.Arrays.copyOfRange(ctx.argv, fieldPos, ctx.argc());
        long bytes = 0;
        for (byte[] b : fieldsValues) bytes += b.length;
        if (bytes > MAX_ENTRY_BYTES) return TOO_LARGE;
        s.append(id, fieldsValues);
        if (args.trim() != null) s.trim(args.trim());
        return id.reply();
    }

    /**
     * Redis' ID choice in streamAppendItem: {@code *} is the entry's time, or the last ID plus
     * one when that time is not ahead of it (a new leader's clock behind the old one's); {@code
     * ms-*} the next sequence within ms. Null when {@code ms-*} finds the sequence exhausted.
     */
    private static StreamId newId(StreamValue s, StreamId.Parsed given, long nowMs) {
        if (given == null) {
            return Long.compareUnsigned(nowMs, s.lastId.ms()) > 0 ? new StreamId(nowMs, 0) : s.lastId.next();
        }
        if (given.seqGiven() || s.lastId.ms() != given.id().ms()) return given.id();
        return s.lastId.seq() == -1 ? null : s.lastId.next();
    }

    /** An interval bound: {@code (} excludes (moving the bound by one), else {@code -}/{@code +} allowed. */
    static StreamId intervalArg(byte[] arg, long missingSeq, boolean start) {
        boolean exclusive = arg.length > 1 && arg[0] == '(';
        StreamId.Parsed p = exclusive
                ? StreamId.parse(java.util.Arrays.copyOfRange(arg, 1, arg.length), missingSeq, true, false)
                : StreamId.parse(arg, missingSeq, false, false);
        if (p == null) throw new CommandError(StreamId.INVALID);
        if (!exclusive) return p.id();
        StreamId moved = start ? p.id().next() : p.id().previous();
        if (moved == null) throw new CommandError(start ? BAD_START : BAD_END);
        return moved;
    }

    /** Redis' xrangeGenericCommand: COUNT 0 (or negative) answers a null array. */
    private static Reply rangeGeneric(CommandContext ctx, boolean reverse) {
        StreamId start = intervalArg(ctx.argv[reverse ? 3 : 2], 0, true);
        StreamId end = intervalArg(ctx.argv[reverse ? 2 : 3], -1, false);
        long count = -1;
        for (int j = 4; j < ctx.argc(); j++) {
            if (ctx.option(j).equals("count") && j + 1 < ctx.argc()) {
                count = Math.max(0, ctx.longArg(++j));
            } else {
                return Errors.SYNTAX;
            }
        }
        StreamValue s = ctx.lookupStream(ctx.key(1));
        if (s == null) return Reply.EMPTY_ARRAY;
        if (count == 0) return Reply.NULL_ARRAY;
        return entriesReply(s.range(start, end, Math.max(count, 0), reverse));
    }

    /** Entries as Redis replies them: each an array of its ID and its fields and values. */
    static Reply entriesReply(List<StreamValue.Entry> entries) {
        List<Reply> out = new ArrayList<>(entries.size());
        for (StreamValue.Entry e : entries) out.add(entryReply(e));
        return Reply.array(out);
    }

    static Reply entryReply(StreamValue.Entry e) {
        List<Reply> fv = new ArrayList<>(e.fieldsValues().length);
        for (byte[] b : e.fieldsValues()) fv.add(Reply.bulk(b));
        return Reply.array(List.of(e.id().reply(), Reply.array(fv)));
    }

    static Reply xlen(CommandContext ctx) {
        StreamValue s = ctx.lookupStream(ctx.key(1));
        return Reply.integer(s == null ? 0 : s.length());
    }

    /** The key is looked up before the IDs are parsed; every ID is parsed before any goes. */
    static Reply xdel(CommandContext ctx) {
        StreamValue s = ctx.lookupStream(ctx.key(1));
        if (s == null) return Reply.ZERO;
        List<StreamId> ids = new ArrayList<>();
        for (int j = 2; j < ctx.argc(); j++) ids.add(StreamId.strictArg(ctx.argv[j]));
        int deleted = 0;
        boolean first = false;
        for (StreamId id : ids) {
            if (!s.delete(id)) continue;
            first |= id.equals(s.firstId);
            deleted++;
        }
        if (deleted > 0) {
            if (s.length() == 0) s.firstId = StreamId.MIN;
            else if (first) s.refreshFirstId();
        }
        return Reply.integer(deleted);
    }

    static Reply xtrim(CommandContext ctx) {
        AddOrTrim args = parseAddOrTrim(ctx, false);
        StreamValue s = ctx.lookupStream(ctx.key(1));
        return Reply.integer(s == null ? 0 : s.trim(args.trim()));
    }

    static Reply xsetid(CommandContext ctx) {
        StreamId id = StreamId.strictArg(ctx.argv[2]);
        long entriesAdded = -1;
        StreamId maxDeleted = StreamId.MIN;
        for (int i = 3; i < ctx.argc(); i++) {
            boolean more = i + 1 < ctx.argc();
            String opt = ctx.option(i);
            if (opt.equals("entriesadded") && more) {
                entriesAdded = ctx.longArg(++i);
                if (entriesAdded < 0) return ENTRIES_ADDED_NEGATIVE;
            } else if (opt.equals("maxdeletedid") && more) {
                maxDeleted = StreamId.strictArg(ctx.argv[++i]);
                if (id.compareTo(maxDeleted) < 0) return SETID_BELOW_DELETED;
            } else {
                return Errors.SYNTAX;
            }
        }
        StreamValue s = ctx.lookupStream(ctx.key(1));
        if (s == null) return Errors.NO_SUCH_KEY;
        if (s.length() > 0) {
            if (id.compareTo(s.edgeId(false)) < 0) return SETID_BELOW_TOP;
            if (entriesAdded != -1 && s.length() > entriesAdded) return SETID_ADDED_BELOW_LENGTH;
        }
        s.lastId = id;
        if (entriesAdded != -1) s.entriesAdded = entriesAdded;
        if (!maxDeleted.isZero()) s.maxDeletedId = maxDeleted;
        return Reply.OK;
    }

    /**
     * A name inside an error message as Redis' %s prints it: up to its first NUL, and with
     * newlines blanked as every error reply has them.
     */
    static String errorText(byte[] name) {
        return new String(name, 0, CommandContext.cLength(name), StandardCharsets.UTF_8)
                .replace('\r', ' ').replace('\n', ' ');
    }
}
