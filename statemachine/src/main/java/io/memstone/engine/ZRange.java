package io.memstone.engine;

import java.util.Arrays;

/**
 * A score or lex interval of a sorted set (Redis' zrangespec and zlexrangespec), as the two
 * bounds that find its first and last ranks: {@code start} holds for the entries before the
 * interval, {@code end} for those before or inside it.
 */
record ZRange(ZSetStore.Bound start, ZSetStore.Bound end) {
    private static final Reply NOT_FLOAT = Reply.error("ERR min or max is not a float");
    private static final Reply NOT_LEX = Reply.error("ERR min or max not valid string range item");

    /**
     * Redis' zslParseRange: "(" makes a bound exclusive; the rest is read by strtod as a C
     * string, so trailing bytes after a NUL are ignored and "(" alone is 0. NaN is refused.
     */
    static ZRange byScore(byte[] minArg, byte[] maxArg) {
        boolean minEx = isExclusive(minArg);
        boolean maxEx = isExclusive(maxArg);
        double min = parseScoreBound(minArg, minEx);
        double max = parseScoreBound(maxArg, maxEx);
        return new ZRange((s, m) -> minEx ? s <= min : s < min, (s, m) -> maxEx ? s < max : s <= max);
    }

    /**
     * Redis' zslParseLexRange: "-" and "+" are the extremes, "[" and "(" prefix an inclusive
     * or exclusive member. Members compare as bytes.
     */
    static ZRange byLex(byte[] minArg, byte[] maxArg) {
        LexItem min = LexItem.parse(minArg);
        LexItem max = LexItem.parse(maxArg);
        return new ZRange((s, m) -> min.compareTo(m) > 0 || (min.exclusive && min.compareTo(m) == 0),
                (s, m) -> max.compareTo(m) > 0 || (!max.exclusive && max.compareTo(m) == 0));
    }

    /** Ranks {first, last} of the interval in {@code zset}; last < first when it is empty. */
    long[] ranks(ZSetValue zset) {
        return new long[] {zset.countBefore(start), zset.countBefore(end) - 1};
    }

    private static boolean isExclusive(byte[] arg) {
        return arg.length > 0 && arg[0] == '(';
    }

    private static double parseScoreBound(byte[] arg, boolean exclusive) {
        int from = exclusive ? 1 : 0;
        Scores.Parsed p = Scores.strtod(arg, from);
        // strtod stops at the first unparsed byte: only a NUL (the C string's end) may follow.
        int end = p.end();
        if ((end < arg.length && arg[end] != 0) || Double.isNaN(p.value())) throw new CommandError(NOT_FLOAT);
        return p.value();
    }

    /** One end of a lex interval: -inf, +inf or a member, inclusive or not. */
    private record LexItem(byte[] member, int infinity, boolean exclusive) {
        static LexItem parse(byte[] arg) {
            if (arg.length == 0) throw new CommandError(NOT_LEX);
            boolean alone = arg.length == 1 || arg[1] == 0;
            switch (arg[0]) {
                case '+':
                    if (!alone) throw new CommandError(NOT_LEX);
                    return new LexItem(null, 1, true);
                case '-':
                    if (!alone) throw new CommandError(NOT_LEX);
                    return new LexItem(null, -1, true);
                case '(':
                    return new LexItem(Arrays.copyOfRange(arg, 1, arg.length), 0, true);
                case '[':
                    return new LexItem(Arrays.copyOfRange(arg, 1, arg.length), 0, false);
                default:
                    throw new CommandError(NOT_LEX);
            }
        }

        /** This item against a member: negative if it sorts before it. */
        int compareTo(byte[] other) {
            return infinity != 0 ? infinity : Arrays.compareUnsigned(member, other);
        }
    }
}
