package io.memstone.engine;

/**
 * PFADD, PFCOUNT and PFMERGE, after Redis' hyperloglog.c. An HLL is a plain string in
 * {@link HyperLogLog}'s layout, so GET, SET, APPEND... see and change the same bytes as in Redis.
 *
 * <p>PFCOUNT of one key stores the cardinality it computes in the HLL's header, as Redis does,
 * when it runs as a write (through the log). On the read path nothing may change, so it only
 * computes: its reply is the same, but the stored header keeps the stale-cache bit where
 * redis-server would have written the count, which GET (and a later PFMERGE into that key,
 * which keeps the stale bytes) can show. The gateway therefore sends PFCOUNT through the log
 * (its spec says MAY_REPLICATE).
 */
final class HyperLogLogCommands {
    private HyperLogLogCommands() {}

    static final Reply NOT_AN_HLL = Reply.error("WRONGTYPE Key is not a valid HyperLogLog string value.");
    static final Reply CORRUPTED = Reply.error("INVALIDOBJ Corrupted HLL object detected");

    static void register(CommandRegistry r) {
        r.register("pfadd", HyperLogLogCommands::pfadd);
        r.register("pfcount", HyperLogLogCommands::pfcount);
        r.register("pfmerge", HyperLogLogCommands::pfmerge);
    }

    /** Redis' lookup + isHLLObjectOrReply: the HLL's bytes, null if absent. */
    private static byte[] lookupHll(CommandContext ctx, Key key) {
        StringValue v = ctx.lookupString(key);
        if (v == null) return null;
        if (!HyperLogLog.isValid(v.bytes())) throw new CommandError(NOT_AN_HLL);
        return v.bytes();
    }

    private static void store(CommandContext ctx, Key key, HyperLogLog hll) {
        ctx.keyspace.putKeepingTtl(key, StringValue.rawShared(hll.bytes()));
    }

    /**
     * Creating the key counts as an update. A corrupted sparse HLL fails at the first element
     * that reaches the damage; as in Redis, the elements before it stay added.
     */
    static Reply pfadd(CommandContext ctx) {
        Key key = ctx.key(1);
        byte[] old = lookupHll(ctx, key);
        HyperLogLog hll = old == null ? HyperLogLog.create() : HyperLogLog.edit(old);
        boolean updated = old == null;
        for (int i = 2; i < ctx.argc(); i++) {
            int result = hll.add(ctx.argv[i]);
            if (result < 0) {
                if (updated) store(ctx, key, hll);
                return CORRUPTED;
            }
            updated |= result == 1;
        }
        if (!updated) {
            ctx.keyspace.putKeepingTtl(key, StringValue.rawShared(old)); // unshared, as in Redis
            return Reply.ZERO;
        }
        hll.invalidateCache();
        store(ctx, key, hll);
        return Reply.ONE;
    }

    static Reply pfcount(CommandContext ctx) {
        if (ctx.argc() > 2) return Reply.integer(HyperLogLog.estimate(HyperLogLog.histogramOfRegisters(union(ctx))));
        Key key = ctx.key(1);
        byte[] hll = lookupHll(ctx, key);
        if (hll == null) return Reply.ZERO;
        long count;
        if (HyperLogLog.hasValidCache(hll)) {
            count = HyperLogLog.cachedCount(hll);
            if (!ctx.readOnly) ctx.keyspace.putKeepingTtl(key, StringValue.rawShared(hll)); // unshared, as in Redis
        } else {
            int[] histogram = HyperLogLog.histogram(hll);
            if (histogram == null) return CORRUPTED;
            count = HyperLogLog.estimate(histogram);
            if (!ctx.readOnly) ctx.keyspace.putKeepingTtl(key, StringValue.rawShared(HyperLogLog.withCachedCount(hll, count)));
        }
        return Reply.integer(count);
    }

    /**
     * PFMERGE: the union of every key's registers, the destination's included, written into
     * the destination register by register. The destination turns dense first if any input
     * is dense; otherwise it stays sparse until the writes outgrow it, as in Redis.
     */
    static Reply pfmerge(CommandContext ctx) {
        byte[] max = union(ctx);
        boolean anyDense = false;
        for (int i = 1; i < ctx.argc(); i++) {
            byte[] hll = lookupHll(ctx, ctx.key(i)); // valid: union checked every key
            anyDense |= hll != null && HyperLogLog.isDense(hll);
        }
        Key key = ctx.key(1);
        byte[] old = lookupHll(ctx, key);
        HyperLogLog dest = old == null ? HyperLogLog.create() : HyperLogLog.edit(old);
        if (anyDense && !dest.toDense()) return CORRUPTED;
        for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
            if (max[i] != 0) dest.set(i, max[i]);
        }
        dest.invalidateCache();
        store(ctx, key, dest);
        return Reply.OK;
    }

    /** The register-wise maximum of the HLLs at argv[1..]; absent keys count as empty. */
    private static byte[] union(CommandContext ctx) {
        byte[] max = new byte[HyperLogLog.REGISTERS];
        for (int i = 1; i < ctx.argc(); i++) {
            byte[] hll = lookupHll(ctx, ctx.key(i));
            if (hll != null && !HyperLogLog.mergeInto(max, hll)) throw new CommandError(CORRUPTED);
        }
        return max;
    }
}
