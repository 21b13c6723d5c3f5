package io.memstone.engine;

import io.memstone.engine.ListValue.End;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The list commands, after Redis 7.0's t_list.c. A list that becomes empty is deleted. */
final class ListCommands {
    private ListCommands() {}

    private static final Reply RANK_ZERO = Reply.error("ERR RANK can't be zero: use 1 to start from the first"
            + " match, 2 from the second ... or use negative to start from the end of the list");
    private static final Reply COUNT_NEGATIVE = Reply.error("ERR COUNT can't be negative");
    private static final Reply MAXLEN_NEGATIVE = Reply.error("ERR MAXLEN can't be negative");

    static void register(CommandRegistry r) {
        r.register("lpush", ListCommands::lpush);
        r.register("rpush", ListCommands::rpush);
        r.register("lpushx", ListCommands::lpushx);
        r.register("rpushx", ListCommands::rpushx);
        r.register("lpop", ListCommands::lpop);
        r.register("rpop", ListCommands::rpop);
        r.register("llen", ListCommands::llen);
        r.register("lrange", ListCommands::lrange);
        r.register("lindex", ListCommands::lindex);
        r.register("lset", ListCommands::lset);
        r.register("linsert", ListCommands::linsert);
        r.register("lrem", ListCommands::lrem);
        r.register("ltrim", ListCommands::ltrim);
        r.register("lpos", ListCommands::lpos);
        r.register("lmove", ListCommands::lmove);
        r.register("rpoplpush", ListCommands::rpoplpush);
        r.register("lmpop", ctx -> lmpopGeneric(ctx, 1, false));
        r.register("blpop", ctx -> blockingPop(ctx, End.HEAD));
        r.register("brpop", ctx -> blockingPop(ctx, End.TAIL));
        r.register("blmove", ListCommands::blmove);
        r.register("brpoplpush", ListCommands::brpoplpush);
        r.register("blmpop", ctx -> lmpopGeneric(ctx, 2, true));
    }

    static Reply lpush(CommandContext ctx) {
        return pushGeneric(ctx, End.HEAD, false);
    }

    static Reply rpush(CommandContext ctx) {
        return pushGeneric(ctx, End.TAIL, false);
    }

    static Reply lpushx(CommandContext ctx) {
        return pushGeneric(ctx, End.HEAD, true);
    }

    static Reply rpushx(CommandContext ctx) {
        return pushGeneric(ctx, End.TAIL, true);
    }

    /** Redis' pushGenericCommand: creates the list unless {@code onlyIfExists} (the X forms). */
    private static Reply pushGeneric(CommandContext ctx, End end, boolean onlyIfExists) {
        Key key = ctx.key(1);
        ListValue list = ctx.lookupList(key);
        if (list == null) {
            if (onlyIfExists) return Reply.ZERO;
            list = new ListValue();
            ctx.keyspace.putKeepingTtl(key, list);
        }
        for (int i = 2; i < ctx.argc(); i++) list.push(end, ctx.argv[i]);
        return Reply.integer(list.size());
    }

    static Reply lpop(CommandContext ctx) {
        return popGeneric(ctx, End.HEAD);
    }

    static Reply rpop(CommandContext ctx) {
        return popGeneric(ctx, End.TAIL);
    }

    /**
     * Redis 7.0's popGenericCommand: the count is checked before the key; with a count the
     * reply is an array (null for a missing key, empty for count 0).
     */
    private static Reply popGeneric(CommandContext ctx, End end) {
        if (ctx.argc() > 3) return Errors.wrongArity(ctx.name());
        boolean hasCount = ctx.argc() == 3;
        long count = hasCount ? ctx.positiveLongArg(2, Errors.MUST_BE_POSITIVE) : 1;
        Key key = ctx.key(1);
        ListValue list = ctx.lookupList(key);
        if (list == null) return hasCount ? Reply.NULL_ARRAY : Reply.NULL;
        if (!hasCount) {
            byte[] element = list.pop(end);
            deleteIfEmpty(ctx, key, list);
            return Reply.bulk(element);
        }
        if (count == 0) return Reply.EMPTY_ARRAY;
        return Reply.array(popRange(ctx, key, list, end, count));
    }

    /** Pops up to {@code count} elements from one end, in pop order; deletes an emptied list. */
    private static List<Reply> popRange(CommandContext ctx, Key key, ListValue list, End end, long count) {
        List<Reply> out = new ArrayList<>();
        for (long n = Math.min(count, list.size()); n > 0; n--) out.add(Reply.bulk(list.pop(end)));
        deleteIfEmpty(ctx, key, list);
        return out;
    }

    private static void deleteIfEmpty(CommandContext ctx, Key key, ListValue list) {
        if (list.size() == 0) ctx.keyspace.delete(key);
    }

    static Reply llen(CommandContext ctx) {
        ListValue list = ctx.lookupList(ctx.key(1));
        return Reply.integer(list == null ? 0 : list.size());
    }

    /** Indexes are parsed before the key is looked up; out-of-range ends are clamped. */
    static Reply lrange(CommandContext ctx) {
        long start = ctx.longArg(2);
        long end = ctx.longArg(3);
        ListValue list = ctx.lookupList(ctx.key(1));
        if (list == null) return Reply.EMPTY_ARRAY;
        long[] range = clampRange(start, end, list.size());
        if (range == null) return Reply.EMPTY_ARRAY;
        List<Reply> out = new ArrayList<>();
        for (long i = range[0]; i <= range[1]; i++) out.add(Reply.bulk(list.get(i)));
        return Reply.array(out);
    }

    /**
     * Redis' range rule for LRANGE and LTRIM: negative indexes count from the tail, start is
     * clamped at 0 and end at the last element; null when nothing is in range.
     */
    private static long[] clampRange(long start, long end, long size) {
        if (start < 0) start = size + start;
        if (end < 0) end = size + end;
        if (start < 0) start = 0;
        if (start > end || start >= size) return null;
        return new long[] {start, Math.min(end, size - 1)};
    }

    /** The key is looked up before the index is parsed, so a missing key is nil whatever it says. */
    static Reply lindex(CommandContext ctx) {
        ListValue list = ctx.lookupList(ctx.key(1));
        if (list == null) return Reply.NULL;
        long index = absoluteIndex(ctx.longArg(2), list);
        return index < 0 ? Reply.NULL : Reply.bulk(list.get(index));
    }

    static Reply lset(CommandContext ctx) {
        ListValue list = ctx.lookupList(ctx.key(1));
        if (list == null) return Errors.NO_SUCH_KEY;
        long index = absoluteIndex(ctx.longArg(2), list);
        if (index < 0) return Errors.INDEX_OUT_OF_RANGE;
        list.set(index, ctx.argv[3]);
        return Reply.OK;
    }

    /** A possibly negative index as a position from the head, or -1 when out of range. */
    private static long absoluteIndex(long index, ListValue list) {
        long i = index < 0 ? list.size() + index : index;
        return i < 0 || i >= list.size() ? -1 : i;
    }

    /** -1 when the pivot is not found, 0 when the key is missing, else the new length. */
    static Reply linsert(CommandContext ctx) {
        String where = ctx.option(2);
        boolean after;
        if (where.equals("after")) after = true;
        else if (where.equals("before")) after = false;
        else return Errors.SYNTAX;
        ListValue list = ctx.lookupList(ctx.key(1));
        if (list == null) return Reply.ZERO;
        for (int i = 0; i < list.size(); i++) {
            if (Arrays.equals(list.get(i), ctx.argv[3])) {
                list.insert(after ? i + 1 : i, ctx.argv[4]);
                return Reply.integer(list.size());
            }
        }
        return Reply.integer(-1);
    }

    /** A positive count removes from the head, a negative one from the tail, 0 all. */
    static Reply lrem(CommandContext ctx) {
        long count = ctx.longArg(2);
        Key key = ctx.key(1);
        ListValue list = ctx.lookupList(key);
        if (list == null) return Reply.ZERO;
        // Redis negates Long.MIN_VALUE into itself, which then never limits: all are removed.
        long limit = count == Long.MIN_VALUE ? 0 : Math.abs(count);
        long removed = list.remove(ctx.argv[3], limit, count < 0 ? End.TAIL : End.HEAD);
        deleteIfEmpty(ctx, key, list);
        return Reply.integer(removed);
    }

    static Reply ltrim(CommandContext ctx) {
        long start = ctx.longArg(2);
        long end = ctx.longArg(3);
        Key key = ctx.key(1);
        ListValue list = ctx.lookupList(key);
        if (list == null) return Reply.OK;
        long[] range = clampRange(start, end, list.size());
        if (range == null) ctx.keyspace.delete(key);
        else list.keepRange(range[0], range[1]);
        return Reply.OK;
    }

    /**
     * Redis 7.0's lposCommand: options first (RANK non-zero, COUNT and MAXLEN not negative),
     * then the key. Without COUNT the reply is the first match or nil; with it an array (COUNT
     * 0: every match). A negative RANK scans from the tail. (Redis 7.2 also rejects a RANK of
     * Long.MIN_VALUE; the 7.0 redis-server this engine is checked against does not.)
     */
    static Reply lpos(CommandContext ctx) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int j = 3; j < ctx.argc(); j++) {
            String opt = ctx.option(j);
            boolean moreArgs = j + 1 < ctx.argc();
            if (opt.equals("rank") && moreArgs) {
                rank = ctx.longArg(++j);
                if (rank == 0) return RANK_ZERO;
            } else if (opt.equals("count") && moreArgs) {
                count = ctx.positiveLongArg(++j, COUNT_NEGATIVE);
            } else if (opt.equals("maxlen") && moreArgs) {
                maxlen = ctx.positiveLongArg(++j, MAXLEN_NEGATIVE);
            } else {
                return Errors.SYNTAX;
            }
        }
        ListValue list = ctx.lookupList(ctx.key(1));
        if (list == null) return count != -1 ? Reply.EMPTY_ARRAY : Reply.NULL;
        boolean fromTail = rank < 0;
        // Redis 7.0 negates Long.MIN_VALUE into itself, which then skips no match.
        long skip = rank == Long.MIN_VALUE ? 0 : Math.abs(rank) - 1;
        List<Reply> matches = new ArrayList<>();
        long scanned = 0;
        for (int n = 0; n < list.size() && (maxlen == 0 || scanned < maxlen); n++, scanned++) {
            int i = fromTail ? list.size() - 1 - n : n;
            if (!Arrays.equals(list.get(i), ctx.argv[2])) continue;
            if (skip > 0) {
                skip--;
                continue;
            }
            matches.add(Reply.integer(i));
            if (count == -1 || (count != 0 && matches.size() >= count)) break;
        }
        if (count != -1) return Reply.array(matches);
        return matches.isEmpty() ? Reply.NULL : matches.get(0);
    }

    static Reply lmove(CommandContext ctx) {
        End from = ctx.endArg(3);
        End to = ctx.endArg(4);
        return lmoveGeneric(ctx, from, to);
    }

    static Reply rpoplpush(CommandContext ctx) {
        return lmoveGeneric(ctx, End.TAIL, End.HEAD);
    }

    /**
     * Redis' lmoveGenericCommand: nil if the source is missing; the destination's type is
     * checked before anything moves. Source and destination may be the same list (a rotation).
     */
    private static Reply lmoveGeneric(CommandContext ctx, End from, End to) {
        Key source = ctx.key(1);
        ListValue list = ctx.lookupList(source);
        if (list == null) return Reply.NULL;
        Key destination = ctx.key(2);
        ListValue target = ctx.lookupList(destination);
        byte[] element = list.pop(from);
        if (target == null) {
            target = new ListValue();
            ctx.keyspace.putKeepingTtl(destination, target);
        }
        target.push(to, element);
        deleteIfEmpty(ctx, source, list);
        return Reply.bulk(element);
    }

    /**
     * LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count], and BLMPOP with the timeout before
     * numkeys (checked after the other arguments, as Redis does): pops from the first non-empty
     * list and replies [key, [elements]], or a null array when every list is missing.
     */
    private static Reply lmpopGeneric(CommandContext ctx, int numKeysIndex, boolean blocking) {
        long numKeys = ctx.positiveLongArg(numKeysIndex, Errors.NUMKEYS_NOT_POSITIVE);
        if (numKeys == 0) return Errors.NUMKEYS_NOT_POSITIVE;
        if (numKeys >= ctx.argc() - numKeysIndex - 1) return Errors.SYNTAX;
        int whereIndex = (int) numKeys + numKeysIndex + 1;
        End end = ctx.endArg(whereIndex);
        long count = -1;
        for (int j = whereIndex + 1; j < ctx.argc(); j++) {
            boolean moreArgs = j + 1 < ctx.argc();
            if (count == -1 && ctx.option(j).equals("count") && moreArgs) {
                count = ctx.positiveLongArg(++j, Errors.COUNT_NOT_POSITIVE);
                if (count == 0) return Errors.COUNT_NOT_POSITIVE;
            } else {
                return Errors.SYNTAX;
            }
        }
        if (count == -1) count = 1;
        if (blocking) BlockingTimeout.millis(ctx.argv[1]);
        for (int i = numKeysIndex + 1; i < whereIndex; i++) {
            Key key = ctx.key(i);
            ListValue list = ctx.lookupList(key);
            if (list == null) continue;
            return Reply.array(List.of(Reply.bulk(key.bytes()), Reply.array(popRange(ctx, key, list, end, count))));
        }
        return Reply.NULL_ARRAY;
    }

    /*
     * The blocking forms run here as Redis runs them inside MULTI or a script: they never wait,
     * and answer nil when every list is missing. The gateway parks a client on that nil and
     * runs the command again, through the log, when one of its keys receives elements.
     */

    /** BLPOP / BRPOP key [key ...] timeout: [key, element] from the first non-empty list, in argument order. */
    private static Reply blockingPop(CommandContext ctx, End end) {
        BlockingTimeout.millis(ctx.argv[ctx.argc() - 1]);
        for (int i = 1; i < ctx.argc() - 1; i++) {
            Key key = ctx.key(i);
            ListValue list = ctx.lookupList(key);
            if (list == null) continue;
            byte[] element = list.pop(end);
            deleteIfEmpty(ctx, key, list);
            return Reply.array(List.of(Reply.bulk(key.bytes()), Reply.bulk(element)));
        }
        return Reply.NULL_ARRAY;
    }

    /** BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout: the ends are checked before the timeout. */
    static Reply blmove(CommandContext ctx) {
        End from = ctx.endArg(3);
        End to = ctx.endArg(4);
        BlockingTimeout.millis(ctx.argv[5]);
        return lmoveGeneric(ctx, from, to);
    }

    static Reply brpoplpush(CommandContext ctx) {
        BlockingTimeout.millis(ctx.argv[3]);
        return lmoveGeneric(ctx, End.TAIL, End.HEAD);
    }
}
