package io.memstone.engine;

import io.memstone.engine.HashValue.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** The hash commands, after Redis 7.0's t_hash.c. A hash that becomes empty is deleted. */
final class HashCommands {
    private HashCommands() {}

    private static final Reply NOT_INTEGER = Reply.error("ERR hash value is not an integer");
    private static final Reply NOT_FLOAT = Reply.error("ERR hash value is not a float");
    private static final Reply INCREMENT_NAN = Reply.error("ERR value is NaN or Infinity");
    private static final Reply COUNT_OUT_OF_RANGE = Reply.error(
            "ERR value is out of range, value must between " + -Long.MAX_VALUE + " and " + Long.MAX_VALUE);
    /** Redis' HRANDFIELD_SUB_STRATEGY_MUL: below this ratio, drop entries rather than draw them. */
    private static final long SUBTRACT_RATIO = 3;

    static void register(CommandRegistry r) {
        r.register("hset", HashCommands::hset);
        r.register("hmset", HashCommands::hset);
        r.register("hsetnx", HashCommands::hsetnx);
        r.register("hget", HashCommands::hget);
        r.register("hmget", HashCommands::hmget);
        r.register("hdel", HashCommands::hdel);
        r.register("hlen", HashCommands::hlen);
        r.register("hstrlen", HashCommands::hstrlen);
        r.register("hexists", HashCommands::hexists);
        r.register("hkeys", HashCommands::hkeys);
        r.register("hvals", HashCommands::hvals);
        r.register("hgetall", HashCommands::hgetall);
        r.register("hincrby", HashCommands::hincrby);
        r.register("hincrbyfloat", HashCommands::hincrbyfloat);
        r.register("hrandfield", HashCommands::hrandfield);
        r.register("hscan", HashCommands::hscan);
    }

    /** Redis' hashTypeLookupWriteOrCreate: a missing key gets an empty hash, keeping no TTL. */
    private static HashValue lookupOrCreate(CommandContext ctx, Key key) {
        HashValue hash = ctx.lookupHash(key);
        if (hash == null) {
            hash = new HashValue(ctx.limits);
            ctx.keyspace.putKeepingTtl(key, hash);
        }
        return hash;
    }

    /** HSET replies with the number of new fields, HMSET with OK; pairs are checked first. */
    static Reply hset(CommandContext ctx) {
        if (ctx.argc() % 2 == 1) return Errors.wrongArity(ctx.name());
        HashValue hash = lookupOrCreate(ctx, ctx.key(1));
        long created = 0;
        for (int i = 2; i < ctx.argc(); i += 2) {
            if (hash.set(ctx.argv[i], ctx.argv[i + 1])) created++;
        }
        return ctx.name().equals("hset") ? Reply.integer(created) : Reply.OK;
    }

    static Reply hsetnx(CommandContext ctx) {
        HashValue hash = lookupOrCreate(ctx, ctx.key(1));
        if (hash.contains(ctx.argv[2])) return Reply.ZERO;
        hash.set(ctx.argv[2], ctx.argv[3]);
        return Reply.ONE;
    }

    static Reply hget(CommandContext ctx) {
        HashValue hash = ctx.lookupHash(ctx.key(1));
        return hash == null ? Reply.NULL : Reply.bulk(hash.get(ctx.argv[2]));
    }

    /** A missing key is an empty hash: one nil per field. */
    static Reply hmget(CommandContext ctx) {
        HashValue hash = ctx.lookupHash(ctx.key(1));
        List<Reply> out = new ArrayList<>(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) out.add(hash == null ? Reply.NULL : Reply.bulk(hash.get(ctx.argv[i])));
        return Reply.array(out);
    }

    static Reply hdel(CommandContext ctx) {
        Key key = ctx.key(1);
        HashValue hash = ctx.lookupHash(key);
        if (hash == null) return Reply.ZERO;
        long deleted = 0;
        for (int i = 2; i < ctx.argc(); i++) {
            if (hash.delete(ctx.argv[i])) deleted++;
        }
        if (hash.size() == 0) ctx.keyspace.delete(key);
        return Reply.integer(deleted);
    }

    static Reply hlen(CommandContext ctx) {
        HashValue hash = ctx.lookupHash(ctx.key(1));
        return Reply.integer(hash == null ? 0 : hash.size());
    }

    static Reply hstrlen(CommandContext ctx) {
        HashValue hash = ctx.lookupHash(ctx.key(1));
        byte[] value = hash == null ? null : hash.get(ctx.argv[2]);
        return Reply.integer(value == null ? 0 : value.length);
    }

    static Reply hexists(CommandContext ctx) {
        HashValue hash = ctx.lookupHash(ctx.key(1));
        return hash != null && hash.contains(ctx.argv[2]) ? Reply.ONE : Reply.ZERO;
    }

    static Reply hkeys(CommandContext ctx) {
        return Reply.array(contents(ctx, true, false));
    }

    static Reply hvals(CommandContext ctx) {
        return Reply.array(contents(ctx, false, true));
    }

    /** A RESP3 map of field to value. */
    static Reply hgetall(CommandContext ctx) {
        return new Reply.MapReply(contents(ctx, true, true));
    }

    /** Redis' genericHgetallCommand: fields, values or both, in the hash's order. */
    private static List<Reply> contents(CommandContext ctx, boolean fields, boolean values) {
        HashValue hash = ctx.lookupHash(ctx.key(1));
        List<Reply> out = new ArrayList<>();
        if (hash == null) return out;
        hash.forEach((f, v) -> {
            if (fields) out.add(Reply.bulk(f));
            if (values) out.add(Reply.bulk(v));
        });
        return out;
    }

    /** The increment is parsed before the key is looked up (and an empty hash created). */
    static Reply hincrby(CommandContext ctx) {
        long increment = ctx.longArg(3);
        HashValue hash = lookupOrCreate(ctx, ctx.key(1));
        byte[] old = hash.get(ctx.argv[2]);
        long value = 0;
        if (old != null) {
            var parsed = Numbers.string2ll(old);
            if (parsed.isEmpty()) return NOT_INTEGER;
            value = parsed.getAsLong();
        }
        if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
            return Errors.OVERFLOW;
        }
        long sum = value + increment;
        hash.set(ctx.argv[2], Numbers.ll2string(sum));
        return Reply.integer(sum);
    }

    /** In long double arithmetic, formatted as Redis' INCRBYFLOAT. */
    static Reply hincrbyfloat(CommandContext ctx) {
        LongDouble increment = CommandContext.parseLongDouble(ctx.argv[3]);
        if (increment.isInfinite()) return INCREMENT_NAN;
        HashValue hash = lookupOrCreate(ctx, ctx.key(1));
        byte[] old = hash.get(ctx.argv[2]);
        LongDouble value = LongDouble.ZERO;
        if (old != null) {
            value = LongDouble.parse(old);
            if (value == null) return NOT_FLOAT;
        }
        LongDouble sum = value.add(increment);
        if (sum.isInfinite()) return Errors.NAN_OR_INFINITY;
        byte[] text = sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
        hash.set(ctx.argv[2], text);
        return Reply.bulk(text);
    }

    /**
     * Redis 7.0's hrandfieldCommand: the count must lie in ±LONG_MAX (±LONG_MAX/2 with
     * WITHVALUES) and is checked before the key. Without a count, one field or nil.
     */
    static Reply hrandfield(CommandContext ctx) {
        if (ctx.argc() == 2) {
            HashValue hash = ctx.lookupHash(ctx.key(1));
            return hash == null ? Reply.NULL : Reply.bulk(hash.randomEntry(ctx.random).field());
        }
        long count = ctx.longArg(2);
        if (count == Long.MIN_VALUE) return COUNT_OUT_OF_RANGE;
        if (ctx.argc() > 4 || (ctx.argc() == 4 && !ctx.option(3).equals("withvalues"))) return Errors.SYNTAX;
        boolean withValues = ctx.argc() == 4;
        if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) return Errors.VALUE_OUT_OF_RANGE;
        HashValue hash = ctx.lookupHash(ctx.key(1));
        if (hash == null || count == 0) return Reply.EMPTY_ARRAY;
        if (count < 0) RandomRanks.checkRepeats(-count);
        List<Entry> picked = count < 0 || count == 1
                ? withRepeats(hash, Math.abs(count), ctx.random)
                : distinct(hash, count, ctx.random);
        List<Reply> out = new ArrayList<>();
        for (Entry e : picked) {
            out.add(Reply.bulk(e.field()));
            if (withValues) out.add(Reply.bulk(e.value()));
        }
        return withValues ? new Reply.PairArray(out) : Reply.array(out);
    }

    /**
     * Redis' case 1: {@code count} independent draws. A packed hash is walked once, not once per
     * draw, as Redis' lpRandomPairs does.
     */
    private static List<Entry> withRepeats(HashValue hash, long count, Random random) {
        List<Entry> all = hash.isPacked() ? hash.entries() : null;
        List<Entry> out = new ArrayList<>();
        for (long i = 0; i < count; i++) out.add(all != null ? all.get(random.nextInt(all.size())) : hash.randomEntry(random));
        return out;
    }

    /**
     * Redis' cases 2-4: the whole hash in order when the count covers it; else, when the count
     * is near the size, every entry less random ones; else distinct random draws (in the hash's
     * order while packed, as Redis' lpRandomPairsUnique).
     */
    private static List<Entry> distinct(HashValue hash, long count, Random random) {
        int size = hash.size();
        if (count >= size) return hash.entries();
        if (count * SUBTRACT_RATIO > size) return dropRandom(hash.entries(), (int) count, random);
        if (hash.isPacked()) return sampleInOrder(hash.entries(), (int) count, random);
        Set<Key> seen = new HashSet<>();
        List<Entry> out = new ArrayList<>();
        while (out.size() < count) {
            Entry e = hash.randomEntry(random);
            if (seen.add(new Key(e.field()))) out.add(e);
        }
        return out;
    }

    /** Removes random entries until {@code keep} are left. */
    private static List<Entry> dropRandom(List<Entry> all, int keep, Random random) {
        while (all.size() > keep) {
            int i = random.nextInt(all.size());
            all.set(i, all.get(all.size() - 1));
            all.remove(all.size() - 1);
        }
        return all;
    }

    /** Selection sampling: {@code want} distinct entries, each subset equally likely, in order. */
    private static List<Entry> sampleInOrder(List<Entry> all, int want, Random random) {
        List<Entry> out = new ArrayList<>(want);
        for (int i = 0; i < all.size() && out.size() < want; i++) {
            if (random.nextInt(all.size() - i) < want - out.size()) out.add(all.get(i));
        }
        return out;
    }

    /**
     * Cursor first, then the key, then the options (so a missing key answers an empty scan
     * whatever they say). A packed hash replies everything at once with cursor 0, as Redis.
     */
    static Reply hscan(CommandContext ctx) {
        ScanRequest.parseCursor(ctx.argv[2]);
        HashValue hash = ctx.lookupHash(ctx.key(1));
        if (hash == null) return ScanRequest.reply(0, List.of());
        ScanRequest request = ScanRequest.parse(ctx, 2, false);
        List<Reply> out = new ArrayList<>();
        if (hash.isPacked()) {
            hash.forEach((f, v) -> addMatching(request, f, v, out));
            return ScanRequest.reply(0, out);
        }
        long next = request.walk(hash.table(), (k, v) -> addMatching(request, k.bytes(), v, out));
        return ScanRequest.reply(next, out);
    }

    private static void addMatching(ScanRequest request, byte[] field, byte[] value, List<Reply> out) {
        if (!request.matches(field)) return;
        out.add(Reply.bulk(field));
        out.add(Reply.bulk(value));
    }
}
