package io.memstone.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD, after Redis 7.0's
 * zunionInterDiffGenericCommand. Inputs may be sorted sets or plain sets (members scoring 1);
 * missing keys are empty inputs.
 */
final class ZSetAlgebraCommands {
    private ZSetAlgebraCommands() {}

    private static final Reply WEIGHT_NOT_FLOAT = Reply.error("ERR weight value is not a float");
    private static final Reply LIMIT_NEGATIVE = Reply.error("ERR LIMIT can't be negative");

    private enum Op { UNION, INTER, DIFF }

    private enum Aggregate { SUM, MIN, MAX }

    /** One input: its members (null for a missing key) and its weight. */
    private static final class Input {
        final ScoredMembers members;
        double weight = 1;

        Input(ScoredMembers members) {
            this.members = members;
        }

        int size() {
            return members == null ? 0 : members.size();
        }
    }

    static void register(CommandRegistry r) {
        r.register("zunion", ctx -> generic(ctx, false, 1, Op.UNION, false));
        r.register("zinter", ctx -> generic(ctx, false, 1, Op.INTER, false));
        r.register("zdiff", ctx -> generic(ctx, false, 1, Op.DIFF, false));
        r.register("zunionstore", ctx -> generic(ctx, true, 2, Op.UNION, false));
        r.register("zinterstore", ctx -> generic(ctx, true, 2, Op.INTER, false));
        r.register("zdiffstore", ctx -> generic(ctx, true, 2, Op.DIFF, false));
        r.register("zintercard", ctx -> generic(ctx, false, 1, Op.INTER, true));
    }

    /**
     * The single place an input key's value is read. A sorted set is used as is; any other
     * type is WRONGTYPE. Plain sets are valid inputs too (every member scoring 1): wire
     * SetValue in here when it exists.
     */
    static ScoredMembers input(RedisValue value) {
        if (value instanceof ZSetValue zset) return zset;
        if (value instanceof SetValue set) return new SetScores(set);
        throw new CommandError(Errors.WRONGTYPE);
    }

    /** A plain set as an input: every member scores 1, as in Redis. */
    private record SetScores(SetValue set) implements ScoredMembers {
        @Override
        public int size() {
            return set.size();
        }

        @Override
        public double score(byte[] member) {
            return set.contains(member) ? 1 : Double.NaN;
        }

        @Override
        public void forEach(ZSetValue.EntryVisitor visitor) {
            set.forEach(m -> visitor.accept(m, 1));
        }
    }

    /**
     * Keys are read (and type-checked) before the options are parsed, as in Redis. WEIGHTS and
     * AGGREGATE are not for ZDIFF or ZINTERCARD, WITHSCORES only without a destination, LIMIT
     * only for ZINTERCARD.
     */
    private static Reply generic(CommandContext ctx, boolean store, int numKeysIdx, Op op, boolean cardinalityOnly) {
        long numKeys = ctx.longArg(numKeysIdx);
        if (numKeys < 1) {
            return Reply.error("ERR at least 1 input key is needed for '" + ctx.name() + "' command");
        }
        if (numKeys > ctx.argc() - (numKeysIdx + 1)) return Errors.SYNTAX;
        List<Input> inputs = new ArrayList<>();
        int j = numKeysIdx + 1;
        for (int i = 0; i < numKeys; i++, j++) {
            RedisValue v = ctx.lookup(ctx.key(j));
            inputs.add(new Input(v == null ? null : input(v)));
        }
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        boolean weighted = op != Op.DIFF && !cardinalityOnly;
        while (j < ctx.argc()) {
            int remaining = ctx.argc() - j;
            String opt = ctx.option(j);
            if (weighted && remaining >= numKeys + 1 && opt.equals("weights")) {
                j++;
                for (Input in : inputs) {
                    Double w = Scores.parseStrict(ctx.argv[j++]);
                    if (w == null) return WEIGHT_NOT_FLOAT;
                    in.weight = w;
                }
            } else if (weighted && remaining >= 2 && opt.equals("aggregate")) {
                String how = ctx.option(j + 1);
                if (how.equals("sum")) aggregate = Aggregate.SUM;
                else if (how.equals("min")) aggregate = Aggregate.MIN;
                else if (how.equals("max")) aggregate = Aggregate.MAX;
                else return Errors.SYNTAX;
                j += 2;
            } else if (!store && !cardinalityOnly && opt.equals("withscores")) {
                withScores = true;
                j++;
            } else if (cardinalityOnly && remaining >= 2 && opt.equals("limit")) {
                limit = ctx.positiveLongArg(j + 1, LIMIT_NEGATIVE);
                j += 2;
            } else {
                return Errors.SYNTAX;
            }
        }
        // Smallest input first (a stable sort, as Redis' qsort here): fewer lookups for ZINTER.
        if (op != Op.DIFF) inputs.sort(Comparator.comparingInt(Input::size));
        if (cardinalityOnly) return Reply.integer(interCard(inputs, limit));
        ZSetValue result = op == Op.UNION ? union(ctx.limits, inputs, aggregate)
                : op == Op.INTER ? inter(ctx.limits, inputs, aggregate) : diff(ctx.limits, inputs);
        if (store) {
            Key destination = ctx.key(1);
            if (result.size() == 0) {
                ctx.keyspace.delete(destination);
                return Reply.ZERO;
            }
            result.packIfSmall();
            ctx.keyspace.set(destination, result);
            return Reply.integer(result.size());
        }
        List<Reply> out = new ArrayList<>();
        boolean scores = withScores;
        result.forEach((member, score) -> {
            out.add(Reply.bulk(member));
            if (scores) out.add(Scores.reply(score));
        });
        return withScores ? new Reply.PairArray(out) : Reply.array(out);
    }

    /** A weighted score; inf times 0 is NaN, which Redis turns into 0. */
    private static double weighted(double score, double weight) {
        double v = score * weight;
        return Double.isNaN(v) ? 0 : v;
    }

    /** Redis' zunionInterAggregate; a SUM of opposite infinities is 0. */
    private static double aggregate(double target, double value, Aggregate how) {
        switch (how) {
            case MIN: return value < target ? value : target;
            case MAX: return value > target ? value : target;
            default:
                double sum = target + value;
                return Double.isNaN(sum) ? 0 : sum;
        }
    }

    private static ZSetValue union(EncodingLimits limits, List<Input> inputs, Aggregate how) {
        ZSetValue result = ZSetValue.skipList(limits);
        for (Input in : inputs) {
            if (in.members == null) continue;
            in.members.forEach((member, score) -> {
                double v = weighted(score, in.weight);
                double current = result.score(member);
                double next = Double.isNaN(current) ? v : aggregate(current, v, how);
                // Redis sums in place: -0 + 0 is 0 there, where put (ZADD's rule) keeps the -0.
                if (next == current && Double.compare(next, current) != 0) result.remove(member);
                result.put(member, next);
            });
        }
        return result;
    }

    private static ZSetValue inter(EncodingLimits limits, List<Input> inputs, Aggregate how) {
        ZSetValue result = ZSetValue.skipList(limits);
        forEachInAll(inputs, how, Long.MAX_VALUE, result::put);
        return result;
    }

    private static long interCard(List<Input> inputs, long limit) {
        long[] count = {0};
        forEachInAll(inputs, Aggregate.SUM, limit == 0 ? Long.MAX_VALUE : limit, (member, score) -> count[0]++);
        return count[0];
    }

    /**
     * Visits each member of the smallest input found in every input, with its aggregated
     * weighted score, stopping after {@code max} of them.
     */
    private static void forEachInAll(List<Input> inputs, Aggregate how, long max, ZSetValue.EntryVisitor visitor) {
        Input first = inputs.get(0);
        if (first.size() == 0) return;
        long[] found = {0};
        first.members.forEach((member, score) -> {
            if (found[0] >= max) return;
            double total = weighted(score, first.weight);
            for (int i = 1; i < inputs.size(); i++) {
                double s = inputs.get(i).members.score(member);
                if (Double.isNaN(s)) return;
                // Unlike the first input's, these products are not cleared of NaN: MIN and MAX
                // then keep the running score, SUM turns it into 0.
                total = aggregate(total, s * inputs.get(i).weight, how);
            }
            found[0]++;
            visitor.accept(member, total);
        });
    }

    /** Members of the first input in none of the others, with the first input's scores. */
    private static ZSetValue diff(EncodingLimits limits, List<Input> inputs) {
        ZSetValue result = ZSetValue.skipList(limits);
        Input first = inputs.get(0);
        if (first.size() == 0) return result;
        first.members.forEach((member, score) -> {
            for (int i = 1; i < inputs.size(); i++) {
                ScoredMembers other = inputs.get(i).members;
                if (other != null && !Double.isNaN(other.score(member))) return;
            }
            result.put(member, score);
        });
        return result;
    }
}
