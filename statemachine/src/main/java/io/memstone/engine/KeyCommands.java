package io.memstone.engine;

import java.util.ArrayList;
import java.util.List;

/** Keyspace commands, after Redis' db.c and expire.c. */
final class KeyCommands {
    private KeyCommands() {}

    static void register(CommandRegistry r) {
        r.register("del", KeyCommands::del);
        r.register("unlink", KeyCommands::unlink);
        r.register("exists", KeyCommands::exists);
        r.register("type", KeyCommands::type);
        r.register("expire", KeyCommands::expire);
        r.register("pexpire", KeyCommands::pexpire);
        r.register("expireat", KeyCommands::expireat);
        r.register("pexpireat", KeyCommands::pexpireat);
        r.register("ttl", KeyCommands::ttl);
        r.register("pttl", KeyCommands::pttl);
        r.register("persist", KeyCommands::persist);
        r.register("keys", KeyCommands::keys);
    }

    static Reply del(CommandContext ctx) {
        return delGeneric(ctx);
    }

    /** The same as DEL here: there is no background freeing to hand the value to. */
    static Reply unlink(CommandContext ctx) {
        return delGeneric(ctx);
    }

    /** An expired key is not counted as deleted (Redis expires it first). */
    private static Reply delGeneric(CommandContext ctx) {
        int deleted = 0;
        for (int i = 1; i < ctx.argc(); i++) {
            Key key = ctx.key(i);
            if (ctx.lookup(key) != null && ctx.keyspace.delete(key)) deleted++;
        }
        return Reply.integer(deleted);
    }

    /** Counts each argument, so a key named twice counts twice. */
    static Reply exists(CommandContext ctx) {
        int found = 0;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.lookup(ctx.key(i)) != null) found++;
        }
        return Reply.integer(found);
    }

    static Reply type(CommandContext ctx) {
        RedisValue v = ctx.lookup(ctx.key(1));
        return new Reply.Simple(v == null ? "none" : v.typeName());
    }

    static Reply expire(CommandContext ctx) {
        return expireGeneric(ctx, ctx.nowMs, 1000);
    }

    static Reply pexpire(CommandContext ctx) {
        return expireGeneric(ctx, ctx.nowMs, 1);
    }

    static Reply expireat(CommandContext ctx) {
        return expireGeneric(ctx, 0, 1000);
    }

    static Reply pexpireat(CommandContext ctx) {
        return expireGeneric(ctx, 0, 1);
    }

    /**
     * Redis 7.0's expireGenericCommand: options, then the time (negative allowed, overflow
     * rejected), then NX/XX/GT/LT against the current expiry (none counts as infinite); a
     * time not in the future deletes the key.
     */
    private static Reply expireGeneric(CommandContext ctx, long baseMs, int unitMs) {
        ExpireCondition condition = ExpireCondition.parse(ctx, 3);
        long when = ctx.longArg(2);
        if (when > Long.MAX_VALUE / unitMs || when < Long.MIN_VALUE / unitMs) throw ctx.invalidExpireTime();
        when *= unitMs;
        if (when > Long.MAX_VALUE - baseMs) throw ctx.invalidExpireTime();
        when += baseMs;

        Key key = ctx.key(1);
        if (ctx.lookup(key) == null) return Reply.ZERO;
        if (!condition.allows(ctx.keyspace.expireAt(key), when)) return Reply.ZERO;
        if (when <= ctx.nowMs) ctx.keyspace.delete(key);
        else ctx.keyspace.setExpire(key, when);
        return Reply.ONE;
    }

    static Reply ttl(CommandContext ctx) {
        return ttlGeneric(ctx, false);
    }

    static Reply pttl(CommandContext ctx) {
        return ttlGeneric(ctx, true);
    }

    /** -2 for no key, -1 for no expiry; seconds are rounded to nearest, as Redis does. */
    private static Reply ttlGeneric(CommandContext ctx, boolean inMs) {
        Key key = ctx.key(1);
        if (ctx.lookup(key) == null) return Reply.integer(-2);
        long when = ctx.keyspace.expireAt(key);
        if (when == -1) return Reply.integer(-1);
        long ttl = Math.max(when - ctx.nowMs, 0);
        return Reply.integer(inMs ? ttl : (ttl + 500) / 1000);
    }

    static Reply persist(CommandContext ctx) {
        Key key = ctx.key(1);
        if (ctx.lookup(key) == null) return Reply.ZERO;
        return Reply.integer(ctx.keyspace.removeExpire(key) ? 1 : 0);
    }

    static Reply keys(CommandContext ctx) {
        List<Reply> out = new ArrayList<>();
        for (Key k : ctx.keyspace.keys(ctx.argv[1], ctx.nowMs)) out.add(Reply.bulk(k.bytes()));
        return Reply.array(out);
    }
}
