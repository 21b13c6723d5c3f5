package io.memstone.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The set commands, after Redis 7.0's t_set.c. A set that becomes empty is deleted; the STORE
 * forms overwrite the destination whatever its type and delete it when the result is empty.
 */
final class SetCommands {
    private SetCommands() {}

    private static final Reply EMPTY_SET = new Reply.SetReply(List.of());
    private static final Reply TOO_MANY_NUMKEYS =
            Reply.error("ERR Number of keys can't be greater than number of args");
    private static final Reply LIMIT_NEGATIVE = Reply.error("ERR LIMIT can't be negative");
    /** SRANDMEMBER's count range is -LONG_MAX..LONG_MAX: only Long.MIN_VALUE is out of it. */
    private static final Reply COUNT_OUT_OF_RANGE = Reply.error(
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
    /** SPOP rebuilds the set from the members it keeps when fewer than 1/5 of the popped ones stay. */
    private static final int SPOP_MOVE_STRATEGY_MUL = 5;
    /** SRANDMEMBER copies the set and removes members when it wants more than 1/3 of it. */
    private static final int SRANDMEMBER_SUB_STRATEGY_MUL = 3;

    static void register(CommandRegistry r) {
        r.register("sadd", SetCommands::sadd);
        r.register("srem", SetCommands::srem);
        r.register("smove", SetCommands::smove);
        r.register("sismember", SetCommands::sismember);
        r.register("smismember", SetCommands::smismember);
        r.register("scard", SetCommands::scard);
        r.register("spop", SetCommands::spop);
        r.register("srandmember", SetCommands::srandmember);
        r.register("smembers", SetCommands::sinter);
        r.register("sinter", SetCommands::sinter);
        r.register("sintercard", SetCommands::sintercard);
        r.register("sinterstore", SetCommands::sinterstore);
        r.register("sunion", SetCommands::sunion);
        r.register("sunionstore", SetCommands::sunionstore);
        r.register("sdiff", SetCommands::sdiff);
        r.register("sdiffstore", SetCommands::sdiffstore);
        r.register("sscan", SetCommands::sscan);
    }

    /** A new set takes the encoding its first member calls for (Redis' setTypeCreate). */
    static Reply sadd(CommandContext ctx) {
        Key key = ctx.key(1);
        SetValue set = ctx.lookupSet(key);
        if (set == null) {
            set = SetValue.createFor(ctx.limits, ctx.argv[2]);
            ctx.keyspace.putKeepingTtl(key, set);
        }
        long added = 0;
        for (int i = 2; i < ctx.argc(); i++) {
            if (set.add(ctx.argv[i])) added++;
        }
        return Reply.integer(added);
    }

    static Reply srem(CommandContext ctx) {
        Key key = ctx.key(1);
        SetValue set = ctx.lookupSet(key);
        if (set == null) return Reply.ZERO;
        long removed = 0;
        for (int i = 2; i < ctx.argc(); i++) {
            if (set.remove(ctx.argv[i])) removed++;
            if (set.size() == 0) {
                ctx.keyspace.delete(key);
                break;
            }
        }
        return Reply.integer(removed);
    }

    /**
     * A missing source is 0 even when the destination has the wrong type; otherwise both types
     * are checked first. Moving within one set changes nothing and says whether it is a member.
     */
    static Reply smove(CommandContext ctx) {
        Key source = ctx.key(1);
        Key destination = ctx.key(2);
        byte[] member = ctx.argv[3];
        RedisValue src = ctx.lookup(source);
        RedisValue dst = ctx.lookup(destination);
        if (src == null) return Reply.ZERO;
        if (!(src instanceof SetValue) || (dst != null && !(dst instanceof SetValue))) return Errors.WRONGTYPE;
        SetValue from = (SetValue) src;
        if (src == dst) return Reply.integer(from.contains(member) ? 1 : 0);
        if (!from.remove(member)) return Reply.ZERO;
        deleteIfEmpty(ctx, source, from);
        SetValue to = (SetValue) dst;
        if (to == null) {
            to = SetValue.createFor(ctx.limits, member);
            ctx.keyspace.putKeepingTtl(destination, to);
        }
        to.add(member);
        return Reply.ONE;
    }

    static Reply sismember(CommandContext ctx) {
        SetValue set = ctx.lookupSet(ctx.key(1));
        return Reply.integer(set != null && set.contains(ctx.argv[2]) ? 1 : 0);
    }

    /** A missing key is an empty set: all zeros. */
    static Reply smismember(CommandContext ctx) {
        SetValue set = ctx.lookupSet(ctx.key(1));
        List<Reply> out = new ArrayList<>(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) out.add(Reply.integer(set != null && set.contains(ctx.argv[i]) ? 1 : 0));
        return Reply.array(out);
    }

    static Reply scard(CommandContext ctx) {
        SetValue set = ctx.lookupSet(ctx.key(1));
        return Reply.integer(set == null ? 0 : set.size());
    }

    static Reply spop(CommandContext ctx) {
        if (ctx.argc() == 3) return spopWithCount(ctx);
        if (ctx.argc() > 3) return Errors.SYNTAX;
        Key key = ctx.key(1);
        SetValue set = ctx.lookupSet(key);
        if (set == null) return Reply.NULL;
        byte[] member = set.randomMember(ctx.random);
        set.remove(member);
        deleteIfEmpty(ctx, key, set);
        return Reply.bulk(member);
    }

    /**
     * Redis' spopWithCountCommand: the count is parsed before the key is looked up; the reply
     * is a set (empty for a missing key or count 0). Popping most of a set keeps the few
     * survivors in a new set instead, which is how Redis may turn a hash table back into an intset.
     */
    private static Reply spopWithCount(CommandContext ctx) {
        long count = ctx.positiveLongArg(2, Errors.MUST_BE_POSITIVE);
        Key key = ctx.key(1);
        SetValue set = ctx.lookupSet(key);
        if (set == null || count == 0) return EMPTY_SET;
        if (count >= set.size()) {
            ctx.keyspace.delete(key);
            return setReply(set.members());
        }
        long remaining = set.size() - count;
        List<byte[]> popped = new ArrayList<>((int) count);
        if (remaining * SPOP_MOVE_STRATEGY_MUL > count) {
            for (long n = count; n > 0; n--) {
                byte[] member = set.randomMember(ctx.random);
                set.remove(member);
                popped.add(member);
            }
        } else {
            SetValue kept = null;
            for (long n = remaining; n > 0; n--) {
                byte[] member = set.randomMember(ctx.random);
                if (kept == null) kept = SetValue.createFor(ctx.limits, member);
                kept.add(member);
                set.remove(member);
            }
            set.forEach(popped::add);
            ctx.keyspace.putKeepingTtl(key, kept);
        }
        return setReply(popped);
    }

    static Reply srandmember(CommandContext ctx) {
        if (ctx.argc() == 3) return srandmemberWithCount(ctx);
        if (ctx.argc() > 3) return Errors.SYNTAX;
        SetValue set = ctx.lookupSet(ctx.key(1));
        return set == null ? Reply.NULL : Reply.bulk(set.randomMember(ctx.random));
    }

    /**
     * Redis' srandmemberWithCountCommand: a negative count draws that many members with
     * repeats; a positive one that many distinct members (the whole set when it has no more).
     * The reply is an array, empty for a missing key or count 0.
     */
    private static Reply srandmemberWithCount(CommandContext ctx) {
        long l = ctx.longArg(2);
        if (l == Long.MIN_VALUE) return COUNT_OUT_OF_RANGE;
        boolean distinct = l >= 0;
        long count = Math.abs(l);
        SetValue set = ctx.lookupSet(ctx.key(1));
        if (set == null || count == 0) return Reply.EMPTY_ARRAY;
        Random random = ctx.random;
        if (!distinct || count == 1) {
            RandomRanks.checkRepeats(count);
            List<Reply> out = new ArrayList<>((int) count);
            for (long n = count; n > 0; n--) out.add(Reply.bulk(set.randomMember(random)));
            return Reply.array(out);
        }
        if (count >= set.size()) return Reply.array(bulks(set.members()));
        if (count * SRANDMEMBER_SUB_STRATEGY_MUL > set.size()) {
            // Drop random members from a copy until count remain: swap each with the last.
            List<byte[]> members = set.members();
            while (members.size() > count) {
                int i = random.nextInt(members.size());
                Collections.swap(members, i, members.size() - 1);
                members.remove(members.size() - 1);
            }
            return Reply.array(bulks(members));
        }
        Set<Key> picked = new LinkedHashSet<>();
        while (picked.size() < count) picked.add(new Key(set.randomMember(random)));
        List<Reply> out = new ArrayList<>(picked.size());
        for (Key k : picked) out.add(Reply.bulk(k.bytes()));
        return Reply.array(out);
    }

    static Reply sinter(CommandContext ctx) {
        List<byte[]> out = new ArrayList<>();
        intersect(lookupSets(ctx, 1), out::add, 0);
        return setReply(out);
    }

    /** SINTERCARD numkeys key [key ...] [LIMIT limit]: options are checked before any key. */
    static Reply sintercard(CommandContext ctx) {
        var numKeys = Numbers.string2ll(ctx.argv[1]);
        if (numKeys.isEmpty() || numKeys.getAsLong() < 1) return Errors.NUMKEYS_NOT_POSITIVE;
        if (numKeys.getAsLong() > ctx.argc() - 2) return TOO_MANY_NUMKEYS;
        int firstOption = 2 + (int) numKeys.getAsLong();
        long limit = 0;
        for (int i = firstOption; i < ctx.argc(); i++) {
            if (ctx.option(i).equals("limit") && i + 1 < ctx.argc()) {
                limit = ctx.positiveLongArg(++i, LIMIT_NEGATIVE);
            } else {
                return Errors.SYNTAX;
            }
        }
        SetValue[] sets = lookupSets(ctx, 2, firstOption);
        return Reply.integer(intersect(sets, m -> {}, limit));
    }

    static Reply sinterstore(CommandContext ctx) {
        SetValue result = new SetValue(ctx.limits);
        intersect(lookupSets(ctx, 2), result::add, 0);
        return store(ctx, result);
    }

    static Reply sunion(CommandContext ctx) {
        return setReply(union(ctx.limits, lookupSets(ctx, 1)).members());
    }

    static Reply sunionstore(CommandContext ctx) {
        return store(ctx, union(ctx.limits, lookupSets(ctx, 2)));
    }

    static Reply sdiff(CommandContext ctx) {
        return setReply(difference(ctx.limits, lookupSets(ctx, 1)).members());
    }

    static Reply sdiffstore(CommandContext ctx) {
        return store(ctx, difference(ctx.limits, lookupSets(ctx, 2)));
    }

    /** The cursor is checked before the key, the options after it (a missing key ignores them). */
    static Reply sscan(CommandContext ctx) {
        ScanRequest.parseCursor(ctx.argv[2]);
        SetValue set = ctx.lookupSet(ctx.key(1));
        if (set == null) return ScanRequest.reply(0, List.of());
        ScanRequest request = ScanRequest.parse(ctx, 2, false);
        List<Reply> out = new ArrayList<>();
        long next = set.scan(request, out);
        return ScanRequest.reply(next, out);
    }

    /** The sets at argv[from..], null for missing keys; WRONGTYPE if any holds another type. */
    private static SetValue[] lookupSets(CommandContext ctx, int from) {
        return lookupSets(ctx, from, ctx.argc());
    }

    private static SetValue[] lookupSets(CommandContext ctx, int from, int to) {
        SetValue[] sets = new SetValue[to - from];
        for (int i = from; i < to; i++) sets[i - from] = ctx.lookupSet(ctx.key(i));
        return sets;
    }

    /**
     * Redis' sinterGenericCommand: walks the smallest set and emits each member every other set
     * holds, stopping after {@code limit} (0: no limit); returns how many were emitted. A
     * missing key makes the intersection empty.
     */
    private static long intersect(SetValue[] sets, Consumer<byte[]> sink, long limit) {
        for (SetValue s : sets) {
            if (s == null) return 0;
        }
        SetValue[] bySize = sets.clone();
        Arrays.sort(bySize, Comparator.comparingInt(SetValue::size));
        long emitted = 0;
        for (byte[] member : bySize[0].members()) {
            if (!inAll(bySize, member)) continue;
            sink.accept(member);
            if (++emitted == limit) break;
        }
        return emitted;
    }

    private static boolean inAll(SetValue[] sets, byte[] member) {
        for (int j = 1; j < sets.length; j++) {
            if (sets[j] != sets[0] && !sets[j].contains(member)) return false;
        }
        return true;
    }

    /** Every member of every set, gathered into a new set (starting as an intset, as in Redis). */
    private static SetValue union(EncodingLimits limits, SetValue[] sets) {
        SetValue result = new SetValue(limits);
        for (SetValue s : sets) {
            if (s != null) s.forEach(result::add);
        }
        return result;
    }

    /**
     * The first set's members that no later set holds, by whichever of Redis' two algorithms it
     * would pick (the result's encoding can depend on it): test each member of the first set
     * against the others, or copy the first set and remove the others' members.
     */
    private static SetValue difference(EncodingLimits limits, SetValue[] sets) {
        SetValue result = new SetValue(limits);
        SetValue first = sets[0];
        if (first == null) return result;
        for (int j = 1; j < sets.length; j++) {
            if (sets[j] == first) return result;
        }
        long testWork = 0;
        long removeWork = 0;
        for (SetValue s : sets) {
            if (s == null) continue;
            testWork += first.size();
            removeWork += s.size();
        }
        if (testWork / 2 <= removeWork) {
            first.forEach(m -> {
                if (inNoneAfterFirst(sets, m)) result.add(m);
            });
        } else {
            first.forEach(result::add);
            for (int j = 1; j < sets.length && result.size() > 0; j++) {
                if (sets[j] != null) sets[j].forEach(result::remove);
            }
        }
        return result;
    }

    private static boolean inNoneAfterFirst(SetValue[] sets, byte[] member) {
        for (int j = 1; j < sets.length; j++) {
            if (sets[j] != null && sets[j].contains(member)) return false;
        }
        return true;
    }

    /** The STORE forms: the result replaces the destination (dropping its TTL), or deletes it when empty. */
    private static Reply store(CommandContext ctx, SetValue result) {
        Key destination = ctx.key(1);
        if (result.size() == 0) {
            ctx.keyspace.delete(destination);
            return Reply.ZERO;
        }
        ctx.keyspace.set(destination, result);
        return Reply.integer(result.size());
    }

    private static void deleteIfEmpty(CommandContext ctx, Key key, SetValue set) {
        if (set.size() == 0) ctx.keyspace.delete(key);
    }

    private static List<Reply> bulks(List<byte[]> members) {
        List<Reply> out = new ArrayList<>(members.size());
        for (byte[] m : members) out.add(Reply.bulk(m));
        return out;
    }

    private static Reply setReply(List<byte[]> members) {
        return new Reply.SetReply(bulks(members));
    }
}
