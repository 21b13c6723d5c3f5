package io.memstone.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The sorted-set commands, after Redis 7.0's t_zset.c (ZUNION, ZINTER, ZDIFF and their
 * relatives are in {@link ZSetAlgebraCommands}). A sorted set that becomes empty is deleted.
 */
final class ZSetCommands {
    private ZSetCommands() {}

    private static final Reply NAN_SCORE = Reply.error("ERR resulting score is not a number (NaN)");
    private static final Reply XX_AND_NX = Reply.error("ERR XX and NX options at the same time are not compatible");
    private static final Reply GT_LT_NX =
            Reply.error("ERR GT, LT, and/or NX options at the same time are not compatible");
    private static final Reply INCR_PAIRS = Reply.error("ERR INCR option supports a single increment-element pair");
    private static final Reply LIMIT_NEEDS_BY = Reply.error(
            "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
    private static final Reply WITHSCORES_BYLEX =
            Reply.error("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
    private static final Reply RANDOM_COUNT_RANGE = Reply.error(
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");

    private enum By { RANK, SCORE, LEX }

    static void register(CommandRegistry r) {
        r.register("zadd", ctx -> zaddGeneric(ctx, false));
        r.register("zincrby", ctx -> zaddGeneric(ctx, true));
        r.register("zrem", ZSetCommands::zrem);
        r.register("zcard", ZSetCommands::zcard);
        r.register("zscore", ZSetCommands::zscore);
        r.register("zmscore", ZSetCommands::zmscore);
        r.register("zrank", ctx -> zrankGeneric(ctx, false));
        r.register("zrevrank", ctx -> zrankGeneric(ctx, true));
        r.register("zcount", ctx -> zcountGeneric(ctx, By.SCORE));
        r.register("zlexcount", ctx -> zcountGeneric(ctx, By.LEX));
        r.register("zrange", ctx -> zrangeGeneric(ctx, 1, false, null, null));
        r.register("zrangestore", ctx -> zrangeGeneric(ctx, 2, true, null, null));
        r.register("zrevrange", ctx -> zrangeGeneric(ctx, 1, false, By.RANK, true));
        r.register("zrangebyscore", ctx -> zrangeGeneric(ctx, 1, false, By.SCORE, false));
        r.register("zrevrangebyscore", ctx -> zrangeGeneric(ctx, 1, false, By.SCORE, true));
        r.register("zrangebylex", ctx -> zrangeGeneric(ctx, 1, false, By.LEX, false));
        r.register("zrevrangebylex", ctx -> zrangeGeneric(ctx, 1, false, By.LEX, true));
        r.register("zremrangebyrank", ctx -> zremrangeGeneric(ctx, By.RANK));
        r.register("zremrangebyscore", ctx -> zremrangeGeneric(ctx, By.SCORE));
        r.register("zremrangebylex", ctx -> zremrangeGeneric(ctx, By.LEX));
        r.register("zpopmin", ctx -> zpopGeneric(ctx, false));
        r.register("zpopmax", ctx -> zpopGeneric(ctx, true));
        r.register("zmpop", ctx -> zmpopGeneric(ctx, 1, false));
        r.register("bzpopmin", ctx -> bzpopGeneric(ctx, false));
        r.register("bzpopmax", ctx -> bzpopGeneric(ctx, true));
        r.register("bzmpop", ctx -> zmpopGeneric(ctx, 2, true));
        r.register("zrandmember", ZSetCommands::zrandmember);
        r.register("zscan", ZSetCommands::zscan);
        ZSetAlgebraCommands.register(r);
    }

    /**
     * ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member ... and ZINCRBY key increment member
     * (ZADD with INCR). Options, then every score, are checked before the key is touched.
     */
    private static Reply zaddGeneric(CommandContext ctx, boolean incr) {
        boolean nx = false, xx = false, gt = false, lt = false, ch = false;
        int scoreIdx = 2;
        for (; scoreIdx < ctx.argc(); scoreIdx++) {
            String opt = ctx.option(scoreIdx);
            if (opt.equals("nx")) nx = true;
            else if (opt.equals("xx")) xx = true;
            else if (opt.equals("ch")) ch = true;
            else if (opt.equals("incr")) incr = true;
            else if (opt.equals("gt")) gt = true;
            else if (opt.equals("lt")) lt = true;
            else break;
        }
        int pairs = ctx.argc() - scoreIdx;
        if (pairs == 0 || pairs % 2 != 0) return Errors.SYNTAX;
        pairs /= 2;
        if (nx && xx) return XX_AND_NX;
        if ((gt && nx) || (lt && nx) || (gt && lt)) return GT_LT_NX;
        if (incr && pairs > 1) return INCR_PAIRS;
        double[] scores = new double[pairs];
        for (int j = 0; j < pairs; j++) scores[j] = parseScore(ctx.argv[scoreIdx + 2 * j]);

        Key key = ctx.key(1);
        ZSetValue zset = ctx.lookupZSet(key);
        long added = 0, updated = 0, processed = 0;
        double score = 0;
        if (zset == null && !xx) {
            zset = new ZSetValue(ctx.limits);
            ctx.keyspace.putKeepingTtl(key, zset);
        }
        for (int j = 0; zset != null && j < pairs; j++) {
            byte[] member = ctx.argv[scoreIdx + 2 * j + 1];
            score = scores[j];
            double current = zset.score(member);
            if (Double.isNaN(current)) {
                if (xx) continue;
                zset.put(member, score);
                added++;
                processed++;
                continue;
            }
            if (nx) continue;
            if (incr) {
                score += current;
                if (Double.isNaN(score)) return NAN_SCORE;
            }
            if ((lt && score >= current) || (gt && score <= current)) continue;
            processed++;
            if (score != current) {
                zset.put(member, score);
                updated++;
            }
        }
        if (incr) return processed > 0 ? Scores.reply(score) : Reply.NULL;
        return Reply.integer(ch ? added + updated : added);
    }

    /** A score argument: getDoubleFromObjectOrReply's "not a valid float" on failure. */
    private static double parseScore(byte[] arg) {
        Double v = Scores.parseStrict(arg);
        if (v == null) throw new CommandError(Errors.NOT_FLOAT);
        return v;
    }

    private static Reply zrem(CommandContext ctx) {
        Key key = ctx.key(1);
        ZSetValue zset = ctx.lookupZSet(key);
        if (zset == null) return Reply.ZERO;
        long deleted = 0;
        for (int j = 2; j < ctx.argc(); j++) {
            if (zset.remove(ctx.argv[j])) deleted++;
            if (zset.size() == 0) break;
        }
        deleteIfEmpty(ctx, key, zset);
        return Reply.integer(deleted);
    }

    static void deleteIfEmpty(CommandContext ctx, Key key, ZSetValue zset) {
        if (zset.size() == 0) ctx.keyspace.delete(key);
    }

    private static Reply zcard(CommandContext ctx) {
        ZSetValue zset = ctx.lookupZSet(ctx.key(1));
        return Reply.integer(zset == null ? 0 : zset.size());
    }

    private static Reply zscore(CommandContext ctx) {
        ZSetValue zset = ctx.lookupZSet(ctx.key(1));
        return zset == null ? Reply.NULL : scoreReply(zset.score(ctx.argv[2]));
    }

    private static Reply zmscore(CommandContext ctx) {
        ZSetValue zset = ctx.lookupZSet(ctx.key(1));
        List<Reply> out = new ArrayList<>();
        for (int j = 2; j < ctx.argc(); j++) out.add(zset == null ? Reply.NULL : scoreReply(zset.score(ctx.argv[j])));
        return Reply.array(out);
    }

    /** A score as a double reply, or nil for NaN (an absent member). */
    private static Reply scoreReply(double score) {
        return Double.isNaN(score) ? Reply.NULL : Scores.reply(score);
    }

    /** WITHSCORE is Redis 7.2's: in 7.0 the command takes exactly two arguments. */
    private static Reply zrankGeneric(CommandContext ctx, boolean reverse) {
        if (ctx.argc() != 3) return Errors.wrongArity(ctx.name());
        ZSetValue zset = ctx.lookupZSet(ctx.key(1));
        if (zset == null) return Reply.NULL;
        long rank = zset.rank(ctx.argv[2]);
        if (rank < 0) return Reply.NULL;
        return Reply.integer(reverse ? zset.size() - 1 - rank : rank);
    }

    /** ZCOUNT and ZLEXCOUNT: the range is parsed before the key is looked up. */
    private static Reply zcountGeneric(CommandContext ctx, By by) {
        ZRange range = parseRange(by, ctx.argv[2], ctx.argv[3]);
        ZSetValue zset = ctx.lookupZSet(ctx.key(1));
        if (zset == null) return Reply.ZERO;
        long[] ranks = range.ranks(zset);
        return Reply.integer(Math.max(0, ranks[1] - ranks[0] + 1));
    }

    private static ZRange parseRange(By by, byte[] min, byte[] max) {
        return by == By.SCORE ? ZRange.byScore(min, max) : ZRange.byLex(min, max);
    }

    /**
     * Redis' zrangeGenericCommand, behind ZRANGE, ZRANGESTORE and the older ZREVRANGE, BYSCORE
     * and BYLEX commands. {@code keyIdx} is the source key's index; {@code by} and {@code
     * reverse} are null where ZRANGE's options choose them (each option at most once).
     */
    private static Reply zrangeGeneric(CommandContext ctx, int keyIdx, boolean store, By by, Boolean reverse) {
        boolean withScores = false;
        long offset = 0, limit = -1;
        for (int j = keyIdx + 3; j < ctx.argc(); j++) {
            int left = ctx.argc() - j - 1;
            String opt = ctx.option(j);
            if (!store && opt.equals("withscores")) {
                withScores = true;
            } else if (opt.equals("limit") && left >= 2) {
                offset = ctx.longArg(j + 1);
                limit = ctx.longArg(j + 2);
                j += 2;
            } else if (reverse == null && opt.equals("rev")) {
                reverse = true;
            } else if (by == null && opt.equals("bylex")) {
                by = By.LEX;
            } else if (by == null && opt.equals("byscore")) {
                by = By.SCORE;
            } else {
                return Errors.SYNTAX;
            }
        }
        if (reverse == null) reverse = false;
        if (by == null) by = By.RANK;
        // Redis tests the LIMIT count, not its presence: "LIMIT 0 -1" passes with a rank range.
        if (limit != -1 && by == By.RANK) return LIMIT_NEEDS_BY;
        if (withScores && by == By.LEX) return WITHSCORES_BYLEX;
        // The reverse forms take max before min.
        int minIdx = keyIdx + (reverse && by != By.RANK ? 2 : 1);
        int maxIdx = keyIdx + (reverse && by != By.RANK ? 1 : 2);
        long start = 0, end = 0;
        ZRange range = null;
        if (by == By.RANK) {
            start = ctx.longArg(minIdx);
            end = ctx.longArg(maxIdx);
        } else {
            range = parseRange(by, ctx.argv[minIdx], ctx.argv[maxIdx]);
        }
        ZSetValue zset = ctx.lookupZSet(ctx.key(keyIdx));
        long[] span = zset == null ? null
                : by == By.RANK ? rankSpan(start, end, zset.size(), reverse)
                : limitSpan(range.ranks(zset), offset, limit, reverse);
        if (store) return storeRange(ctx, zset, span, reverse, by == By.RANK);
        if (zset == null) return Reply.EMPTY_ARRAY;
        List<Reply> out = new ArrayList<>();
        boolean scores = withScores;
        if (span != null) {
            zset.forRange(span[0], span[1], reverse, (member, score) -> {
                out.add(Reply.bulk(member));
                if (scores) out.add(Scores.reply(score));
            });
        }
        return withScores ? new Reply.PairArray(out) : Reply.array(out);
    }

    /**
     * ZRANGESTORE's end: the destination is replaced (its TTL dropped), or deleted if nothing
     * matched. Like Redis, a rank range known to exceed the packed size starts as a skiplist.
     */
    private static Reply storeRange(CommandContext ctx, ZSetValue source, long[] span, boolean reverse, boolean byRank) {
        Key destination = ctx.key(1);
        boolean big = byRank && span != null && span[1] - span[0] + 1 > ctx.limits.zsetMaxEntries();
        ZSetValue result = big ? ZSetValue.skipList(ctx.limits) : new ZSetValue(ctx.limits);
        if (span != null) source.forRange(span[0], span[1], reverse, result::put);
        if (result.size() == 0) {
            ctx.keyspace.delete(destination);
            return Reply.ZERO;
        }
        ctx.keyspace.set(destination, result);
        return Reply.integer(result.size());
    }

    /**
     * A rank range as ascending ranks {from, to}, or null when empty: negative indexes count
     * from the end, and a reverse range counts from the highest score.
     */
    private static long[] rankSpan(long start, long end, long size, boolean reverse) {
        if (start < 0) start = size + start;
        if (end < 0) end = size + end;
        if (start < 0) start = 0;
        if (start > end || start >= size) return null;
        if (end >= size) end = size - 1;
        return reverse ? new long[] {size - 1 - end, size - 1 - start} : new long[] {start, end};
    }

    /**
     * The ranks {first, last} of a score or lex range after LIMIT: skip {@code offset} from the
     * start of the walk (a negative one skips everything), then take {@code limit} (negative:
     * all). Null when empty.
     */
    private static long[] limitSpan(long[] ranks, long offset, long limit, boolean reverse) {
        long first = ranks[0], last = ranks[1];
        if (offset < 0 || first > last || offset > last - first || limit == 0) return null;
        if (!reverse) {
            long from = first + offset;
            long to = limit < 0 || limit > last - from ? last : from + limit - 1;
            return new long[] {from, to};
        }
        long to = last - offset;
        long from = limit < 0 || limit > to - first ? first : to - limit + 1;
        return new long[] {from, to};
    }

    /** ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX: the range is parsed first. */
    private static Reply zremrangeGeneric(CommandContext ctx, By by) {
        long start = 0, end = 0;
        ZRange range = null;
        if (by == By.RANK) {
            start = ctx.longArg(2);
            end = ctx.longArg(3);
        } else {
            range = parseRange(by, ctx.argv[2], ctx.argv[3]);
        }
        Key key = ctx.key(1);
        ZSetValue zset = ctx.lookupZSet(key);
        if (zset == null) return Reply.ZERO;
        long[] span = by == By.RANK ? rankSpan(start, end, zset.size(), false) : range.ranks(zset);
        if (span == null || span[0] > span[1]) return Reply.ZERO;
        zset.removeRange(span[0], span[1]);
        deleteIfEmpty(ctx, key, zset);
        return Reply.integer(span[1] - span[0] + 1);
    }

    /**
     * ZPOPMIN / ZPOPMAX key [count]: without a count a flat [member, score]; with one, pairs
     * (nested in RESP3). A negative count fails before the key is looked up.
     */
    private static Reply zpopGeneric(CommandContext ctx, boolean max) {
        if (ctx.argc() > 3) return Errors.SYNTAX;
        boolean hasCount = ctx.argc() == 3;
        long count = hasCount ? ctx.positiveLongArg(2, Errors.MUST_BE_POSITIVE) : 1;
        Key key = ctx.key(1);
        ZSetValue zset = ctx.lookupZSet(key);
        if (zset == null || count == 0) return Reply.EMPTY_ARRAY;
        List<Reply> popped = pop(ctx, key, zset, max, count);
        return hasCount ? new Reply.PairArray(popped) : Reply.array(popped);
    }

    /** Pops up to {@code count} entries from one end: member, score, ... in pop order. */
    private static List<Reply> pop(CommandContext ctx, Key key, ZSetValue zset, boolean max, long count) {
        long n = Math.min(count, zset.size());
        long from = max ? zset.size() - n : 0;
        List<Reply> out = new ArrayList<>();
        zset.forRange(from, from + n - 1, max, (member, score) -> {
            out.add(Reply.bulk(member));
            out.add(Scores.reply(score));
        });
        zset.removeRange(from, from + n - 1);
        deleteIfEmpty(ctx, key, zset);
        return out;
    }

    /**
     * ZMPOP numkeys key [key ...] MIN|MAX [COUNT count], and BZMPOP with the timeout before
     * numkeys (checked after the other arguments, as Redis does): pops from the first non-empty
     * sorted set; replies [key, [[member, score], ...]] (nested in RESP2 too), or a null array.
     */
    private static Reply zmpopGeneric(CommandContext ctx, int numKeysIndex, boolean blocking) {
        long numKeys = rangeLongArg(ctx, numKeysIndex, Errors.NUMKEYS_NOT_POSITIVE);
        if (numKeys > ctx.argc() - numKeysIndex - 2) return Errors.SYNTAX;
        int whereIdx = (int) numKeys + numKeysIndex + 1;
        boolean max;
        String where = ctx.option(whereIdx);
        if (where.equals("min")) max = false;
        else if (where.equals("max")) max = true;
        else return Errors.SYNTAX;
        long count = -1;
        for (int j = whereIdx + 1; j < ctx.argc(); j++) {
            if (count == -1 && ctx.option(j).equals("count") && j + 1 < ctx.argc()) {
                count = rangeLongArg(ctx, ++j, Errors.COUNT_NOT_POSITIVE);
            } else {
                return Errors.SYNTAX;
            }
        }
        if (count == -1) count = 1;
        if (blocking) BlockingTimeout.millis(ctx.argv[1]);
        for (int i = numKeysIndex + 1; i < whereIdx; i++) {
            Key key = ctx.key(i);
            ZSetValue zset = ctx.lookupZSet(key);
            if (zset == null) continue;
            List<Reply> flat = pop(ctx, key, zset, max, count);
            List<Reply> pairs = new ArrayList<>();
            for (int p = 0; p < flat.size(); p += 2) pairs.add(Reply.array(List.of(flat.get(p), flat.get(p + 1))));
            return Reply.array(List.of(Reply.bulk(key.bytes()), Reply.array(pairs)));
        }
        return Reply.NULL_ARRAY;
    }

    /**
     * BZPOPMIN / BZPOPMAX key [key ...] timeout, never waiting (the gateway parks on nil; see
     * ListCommands): [key, member, score] from the first non-empty sorted set, or a null array.
     */
    private static Reply bzpopGeneric(CommandContext ctx, boolean max) {
        BlockingTimeout.millis(ctx.argv[ctx.argc() - 1]);
        for (int i = 1; i < ctx.argc() - 1; i++) {
            Key key = ctx.key(i);
            ZSetValue zset = ctx.lookupZSet(key);
            if (zset == null) continue;
            List<Reply> popped = new ArrayList<>(pop(ctx, key, zset, max, 1));
            popped.add(0, Reply.bulk(key.bytes()));
            return Reply.array(popped);
        }
        return Reply.NULL_ARRAY;
    }

    /** An integer from 1 up; {@code error} for anything else (getRangeLongFromObjectOrReply with a message). */
    private static long rangeLongArg(CommandContext ctx, int i, Reply error) {
        var v = Numbers.string2ll(ctx.argv[i]);
        if (v.isEmpty() || v.getAsLong() < 1) throw new CommandError(error);
        return v.getAsLong();
    }

    /**
     * ZRANDMEMBER key [count [WITHSCORES]]: a positive count gives distinct members, a
     * negative one allows repeats.
     */
    private static Reply zrandmember(CommandContext ctx) {
        if (ctx.argc() == 2) {
            ZSetValue zset = ctx.lookupZSet(ctx.key(1));
            if (zset == null) return Reply.NULL;
            byte[][] member = new byte[1][];
            long rank = ctx.random.nextInt(zset.size());
            zset.forRange(rank, rank, false, (m, s) -> member[0] = m);
            return Reply.bulk(member[0]);
        }
        long l = ctx.longArg(2);
        if (l == Long.MIN_VALUE) return RANDOM_COUNT_RANGE;
        boolean withScores = ctx.argc() == 4;
        if (ctx.argc() > 4 || (withScores && !ctx.option(3).equals("withscores"))) return Errors.SYNTAX;
        if (withScores && (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2)) return Errors.VALUE_OUT_OF_RANGE;
        ZSetValue zset = ctx.lookupZSet(ctx.key(1));
        if (zset == null || l == 0) return Reply.EMPTY_ARRAY;
        if (l < 0) RandomRanks.checkRepeats(-l);
        List<Reply> out = new ArrayList<>();
        ZSetValue.EntryVisitor emit = (member, score) -> {
            out.add(Reply.bulk(member));
            if (withScores) out.add(Scores.reply(score));
        };
        // A count covering the set gives it all, from the highest score down, as Redis'
        // zuiNext walks a sorted set from its tail.
        if (l >= zset.size()) zset.forRange(0, zset.size() - 1, true, emit);
        else for (long rank : RandomRanks.pick(ctx.random, zset.size(), l)) zset.forRange(rank, rank, false, emit);
        return withScores ? new Reply.PairArray(out) : Reply.array(out);
    }

    /**
     * ZSCAN key cursor [MATCH pattern] [COUNT count]: member, score pairs. Cursor, key, then
     * options, as HSCAN: a missing key answers an empty scan, another type WRONGTYPE, whatever
     * the options say.
     */
    private static Reply zscan(CommandContext ctx) {
        ScanRequest.parseCursor(ctx.argv[2]);
        ZSetValue zset = ctx.lookupZSet(ctx.key(1));
        if (zset == null) return ScanRequest.reply(0, List.of());
        ScanRequest request = ScanRequest.parse(ctx, 2, false);
        List<Reply> out = new ArrayList<>();
        long next = zset.scan(request, (member, score) -> {
            if (!request.matches(member)) return;
            out.add(Reply.bulk(member));
            out.add(Reply.bulk(Scores.bytes(score)));
        });
        return ScanRequest.reply(next, out);
    }
}
