package io.memstone.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The string commands, after Redis' t_string.c. */
final class StringCommands {
    private StringCommands() {}

    /** Redis' proto-max-bulk-len default: no string grows beyond it. */
    static final long MAX_STRING_LENGTH = 512L * 1024 * 1024;

    static void register(CommandRegistry r) {
        r.register("get", StringCommands::get);
        r.register("set", StringCommands::set);
        r.register("setnx", StringCommands::setnx);
        r.register("setex", StringCommands::setex);
        r.register("psetex", StringCommands::psetex);
        r.register("getset", StringCommands::getset);
        r.register("getdel", StringCommands::getdel);
        r.register("getex", StringCommands::getex);
        r.register("mget", StringCommands::mget);
        r.register("mset", StringCommands::mset);
        r.register("msetnx", StringCommands::msetnx);
        r.register("append", StringCommands::append);
        r.register("strlen", StringCommands::strlen);
        r.register("incr", StringCommands::incr);
        r.register("decr", StringCommands::decr);
        r.register("incrby", StringCommands::incrby);
        r.register("decrby", StringCommands::decrby);
        r.register("incrbyfloat", StringCommands::incrbyfloat);
        StringRangeCommands.register(r);
    }

    static Reply get(CommandContext ctx) {
        return getGeneric(ctx);
    }

    /** GET's reply for argv[1]: the value, nil, or WRONGTYPE (thrown). */
    private static Reply getGeneric(CommandContext ctx) {
        StringValue v = ctx.lookupString(ctx.key(1));
        return v == null ? Reply.NULL : Reply.bulk(v.bytes());
    }

    static Reply set(CommandContext ctx) {
        SetOptions o = SetOptions.parse(ctx, 3);
        return setGeneric(ctx, o, ctx.argv[2], Reply.OK, Reply.NULL);
    }

    static Reply setnx(CommandContext ctx) {
        return setGeneric(ctx, SetOptions.NX, ctx.argv[2], Reply.ONE, Reply.ZERO);
    }

    static Reply setex(CommandContext ctx) {
        return setGeneric(ctx, SetOptions.withExpire(SetOptions.Expire.EX, ctx.argv[2]), ctx.argv[3],
                Reply.OK, Reply.NULL);
    }

    static Reply psetex(CommandContext ctx) {
        return setGeneric(ctx, SetOptions.withExpire(SetOptions.Expire.PX, ctx.argv[2]), ctx.argv[3],
                Reply.OK, Reply.NULL);
    }

    /**
     * Redis' setGenericCommand: the expire time is checked first, then GET's reply is taken,
     * then NX/XX decide; with GET the reply is the old value whether or not the set happened.
     */
    private static Reply setGeneric(CommandContext ctx, SetOptions o, byte[] value, Reply ok, Reply aborted) {
        long expireAt = o.expire() == null ? 0 : expireAt(ctx, o.expire(), o.expireArg());
        Reply old = o.get() ? getGeneric(ctx) : null;
        Key key = ctx.key(1);
        boolean found = ctx.lookup(key) != null;
        if ((o.nx() && found) || (o.xx() && !found)) return old != null ? old : aborted;
        if (o.keepTtl()) ctx.keyspace.putKeepingTtl(key, new StringValue(value));
        else ctx.keyspace.set(key, new StringValue(value));
        if (o.expire() != null) ctx.keyspace.setExpire(key, expireAt);
        return old != null ? old : ok;
    }

    /** Redis' getExpireMillisecondsOrReply: absolute ms, or "invalid expire time". */
    private static long expireAt(CommandContext ctx, SetOptions.Expire unit, byte[] arg) {
        long t = CommandContext.parseLong(arg);
        boolean seconds = unit == SetOptions.Expire.EX || unit == SetOptions.Expire.EXAT;
        if (t <= 0 || (seconds && t > Long.MAX_VALUE / 1000)) throw ctx.invalidExpireTime();
        if (seconds) t *= 1000;
        if (unit == SetOptions.Expire.EX || unit == SetOptions.Expire.PX) t += ctx.nowMs; // wraps like C
        if (t <= 0) throw ctx.invalidExpireTime();
        return t;
    }

    static Reply getset(CommandContext ctx) {
        Reply old = getGeneric(ctx);
        ctx.keyspace.set(ctx.key(1), new StringValue(ctx.argv[2]));
        return old;
    }

    static Reply getdel(CommandContext ctx) {
        Reply old = getGeneric(ctx);
        if (old != Reply.NULL) ctx.keyspace.delete(ctx.key(1));
        return old;
    }

    /**
     * Redis' getexCommand: options first, then the key (nil if missing, WRONGTYPE), then the
     * expire time; the value is replied before an absolute time already past deletes the key.
     */
    static Reply getex(CommandContext ctx) {
        SetOptions o = SetOptions.parseGetex(ctx);
        Key key = ctx.key(1);
        StringValue v = ctx.lookupString(key);
        if (v == null) return Reply.NULL;
        long expireAt = o.expire() == null ? 0 : expireAt(ctx, o.expire(), o.expireArg());
        Reply reply = Reply.bulk(v.bytes());
        boolean absolute = o.expire() == SetOptions.Expire.EXAT || o.expire() == SetOptions.Expire.PXAT;
        if (absolute && expireAt <= ctx.nowMs) ctx.keyspace.delete(key);
        else if (o.expire() != null) ctx.keyspace.setExpire(key, expireAt);
        else if (o.persist()) ctx.keyspace.removeExpire(key);
        return reply;
    }

    static Reply mget(CommandContext ctx) {
        List<Reply> out = new ArrayList<>(ctx.argc() - 1);
        for (int i = 1; i < ctx.argc(); i++) {
            RedisValue v = ctx.lookup(ctx.key(i));
            out.add(v instanceof StringValue s ? Reply.bulk(s.bytes()) : Reply.NULL);
        }
        return Reply.array(out);
    }

    static Reply mset(CommandContext ctx) {
        return msetGeneric(ctx, false);
    }

    /** Sets nothing, and replies 0, if any of the keys exists. */
    static Reply msetnx(CommandContext ctx) {
        return msetGeneric(ctx, true);
    }

    private static Reply msetGeneric(CommandContext ctx, boolean nx) {
        if (ctx.argc() % 2 == 0) return Errors.wrongArity(ctx.name());
        if (nx) {
            for (int i = 1; i < ctx.argc(); i += 2) {
                if (ctx.lookup(ctx.key(i)) != null) return Reply.ZERO;
            }
        }
        for (int i = 1; i < ctx.argc(); i += 2) {
            ctx.keyspace.set(ctx.key(i), new StringValue(ctx.argv[i + 1]));
        }
        return nx ? Reply.ONE : Reply.OK;
    }

    static Reply append(CommandContext ctx) {
        Key key = ctx.key(1);
        StringValue old = ctx.lookupString(key);
        byte[] tail = ctx.argv[2];
        if (old == null) {
            ctx.keyspace.putKeepingTtl(key, new StringValue(tail));
            return Reply.integer(tail.length);
        }
        int at = old.length();
        checkLength(at, tail.length);
        old.writable((long) at + tail.length).write(at, tail);
        return Reply.integer(old.length());
    }

    /**
     * Redis' checkStringLength: a string of {@code length + extra} bytes (both non-negative)
     * must fit the limit. Compared without the sum, which overflows for an offset near 2^63.
     */
    static void checkLength(long length, long extra) {
        if (length > MAX_STRING_LENGTH - extra) throw new CommandError(Errors.STRING_TOO_LONG);
    }

    static Reply strlen(CommandContext ctx) {
        StringValue v = ctx.lookupString(ctx.key(1));
        return Reply.integer(v == null ? 0 : v.length());
    }

    static Reply incr(CommandContext ctx) {
        return incrDecr(ctx, 1);
    }

    static Reply decr(CommandContext ctx) {
        return incrDecr(ctx, -1);
    }

    static Reply incrby(CommandContext ctx) {
        return incrDecr(ctx, ctx.longArg(2));
    }

    static Reply decrby(CommandContext ctx) {
        long by = ctx.longArg(2);
        if (by == Long.MIN_VALUE) return Errors.DECREMENT_OVERFLOW; // -by would overflow
        return incrDecr(ctx, -by);
    }

    /** Redis' incrDecrCommand: the stored value must be a strict integer; overflow is an error. */
    private static Reply incrDecr(CommandContext ctx, long by) {
        Key key = ctx.key(1);
        StringValue old = ctx.lookupString(key);
        long value = old == null ? 0 : CommandContext.parseLong(old.bytes());
        long sum = value + by;
        if (((value ^ sum) & (by ^ sum)) < 0) return Errors.OVERFLOW;
        ctx.keyspace.putKeepingTtl(key, new StringValue(Numbers.ll2string(sum)));
        return Reply.integer(sum);
    }

    static Reply incrbyfloat(CommandContext ctx) {
        Key key = ctx.key(1);
        StringValue old = ctx.lookupString(key);
        LongDouble value = old == null ? LongDouble.ZERO
                : CommandContext.parseLongDouble(old.bytes());
        LongDouble sum = value.add(CommandContext.parseLongDouble(ctx.argv[2]));
        if (sum.isInfinite()) return Errors.NAN_OR_INFINITY;
        byte[] text = sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
        ctx.keyspace.putKeepingTtl(key, StringValue.text(text));
        return Reply.bulk(text);
    }
}
