package io.memstone.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Keyspace commands, after Redis' db.c and expire.c; the family also registers OBJECT and
 * SORT, which have files of their own.
 */
final class KeyCommands {
    private KeyCommands() {}

    private static final Reply SAME_OBJECT = Reply.error("ERR source and destination objects are the same");
    private static final Reply DB_OUT_OF_RANGE = Reply.error("ERR DB index is out of range");
    /** Redis' default {@code databases}: cluster mode keeps them, and uses only 0. */
    private static final int DATABASES = 16;
    private static final Reply COPY_TO_OTHER_DB =
            Reply.error("ERR Copying to another database is not allowed in cluster mode");
    private static final Reply MOVE_IN_CLUSTER = Reply.error("ERR MOVE is not allowed in cluster mode");
    /** Draws before RANDOMKEY gives up on luck and looks for a live key among all of them. */
    private static final int RANDOM_KEY_TRIES = 100;
    private static final byte[] ALL = {'*'};

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
        r.register("expiretime", KeyCommands::expiretime);
        r.register("pexpiretime", KeyCommands::pexpiretime);
        r.register("rename", KeyCommands::rename);
        r.register("renamenx", KeyCommands::renamenx);
        r.register("copy", KeyCommands::copy);
        r.register("move", KeyCommands::move);
        r.register("touch", KeyCommands::touch);
        r.register("randomkey", KeyCommands::randomkey);
        r.register("scan", KeyCommands::scan);
        ObjectCommand.register(r);
        SortCommand.register(r);
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
            if (ctx.peek(ctx.key(i)) != null) found++;
        }
        return Reply.integer(found);
    }

    static Reply type(CommandContext ctx) {
        RedisValue v = ctx.peek(ctx.key(1));
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
        return ttlGeneric(ctx, false, false);
    }

    static Reply pttl(CommandContext ctx) {
        return ttlGeneric(ctx, true, false);
    }

    static Reply expiretime(CommandContext ctx) {
        return ttlGeneric(ctx, false, true);
    }

    static Reply pexpiretime(CommandContext ctx) {
        return ttlGeneric(ctx, true, true);
    }

    /**
     * Redis' ttlGenericCommand: -2 for no key, -1 for no expiry, else the time left (or, when
     * {@code absolute}, the expiry itself); seconds are rounded to nearest, as Redis does,
     * without wrapping for an expiry near 2^63 ms (unsigned: ttl is never negative).
     */
    private static Reply ttlGeneric(CommandContext ctx, boolean inMs, boolean absolute) {
        Key key = ctx.key(1);
        if (ctx.peek(key) == null) return Reply.integer(-2);
        long when = ctx.keyspace.expireAt(key);
        if (when == -1) return Reply.integer(-1);
        long ttl = Math.max(absolute ? when : when - ctx.nowMs, 0);
        return Reply.integer(inMs ? ttl : Long.divideUnsigned(ttl + 500, 1000));
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

    static Reply rename(CommandContext ctx) {
        return renameGeneric(ctx, false);
    }

    static Reply renamenx(CommandContext ctx) {
        return renameGeneric(ctx, true);
    }

    /**
     * Redis' renameGenericCommand: the source must exist (even when renamed to itself); the
     * value moves with its expiry, replacing the destination (unless NX).
     */
    private static Reply renameGeneric(CommandContext ctx, boolean nx) {
        Key from = ctx.key(1);
        Key to = ctx.key(2);
        RedisValue value = ctx.lookup(from);
        if (value == null) return Errors.NO_SUCH_KEY;
        if (from.equals(to)) return nx ? Reply.ZERO : Reply.OK;
        if (ctx.lookup(to) != null) {
            if (nx) return Reply.ZERO;
            ctx.keyspace.delete(to);
        }
        long expireAt = ctx.keyspace.expireAt(from);
        ctx.keyspace.delete(from);
        putWithExpiry(ctx, to, value, expireAt);
        return nx ? Reply.ONE : Reply.OK;
    }

    /** Stores a value at a key that is absent, with the given expiry (-1: none). */
    private static void putWithExpiry(CommandContext ctx, Key key, RedisValue value, long expireAt) {
        ctx.keyspace.set(key, value);
        if (expireAt != -1) ctx.keyspace.setExpire(key, expireAt);
    }

    /**
     * Redis 7.0's copyCommand in cluster mode, which Memstone is: options first (REPLACE,
     * DB n), where a database other than 0 that Redis has (0-15) is refused as cluster mode
     * refuses it, and one it lacks is out of range; then the copy, deep, with its expiry.
     */
    static Reply copy(CommandContext ctx) {
        boolean replace = false;
        int db = 0;
        for (int i = 3; i < ctx.argc(); i++) {
            if (ctx.option(i).equals("replace")) {
                replace = true;
            } else if (ctx.option(i).equals("db") && i + 1 < ctx.argc()) {
                db = ctx.intArg(++i);
                if (db < 0 || db >= DATABASES) return DB_OUT_OF_RANGE;
            } else {
                return Errors.SYNTAX;
            }
        }
        if (db != 0) return COPY_TO_OTHER_DB;
        Key from = ctx.key(1);
        Key to = ctx.key(2);
        if (from.equals(to)) return SAME_OBJECT;
        RedisValue value = ctx.lookup(from);
        if (value == null) return Reply.ZERO;
        if (ctx.lookup(to) != null) {
            if (!replace) return Reply.ZERO;
            ctx.keyspace.delete(to);
        }
        putWithExpiry(ctx, to, value.copy(), ctx.keyspace.expireAt(from));
        return Reply.ONE;
    }

    /** Memstone has one database per shard, as Redis in cluster mode, which refuses MOVE outright. */
    static Reply move(CommandContext ctx) {
        return MOVE_IN_CLUSTER;
    }

    /** Counts the keys that exist; there is no access time to update (see OBJECT IDLETIME). */
    static Reply touch(CommandContext ctx) {
        return exists(ctx);
    }

    /**
     * A live key drawn with the command's randomness: expired keys are drawn again (as Redis'
     * dbRandomKey); after many misses, a uniform pick among the live keys, so a keyspace of
     * only expired keys answers null instead of looping.
     */
    static Reply randomkey(CommandContext ctx) {
        for (int i = 0; i < RANDOM_KEY_TRIES; i++) {
            Key k = ctx.keyspace.randomKey(ctx.random);
            if (k == null) return Reply.NULL;
            if (!ctx.keyspace.isExpired(k, ctx.nowMs)) return Reply.bulk(k.bytes());
        }
        List<Key> live = ctx.keyspace.keys(ALL, ctx.nowMs);
        return live.isEmpty() ? Reply.NULL : Reply.bulk(live.get(ctx.random.nextInt(live.size())).bytes());
    }

    /**
     * Redis' scanCommand over the keyspace: keys failing MATCH or TYPE, or expired, are left
     * out; a key present for the whole walk is returned at least once (the Dict's cursor).
     */
    static Reply scan(CommandContext ctx) {
        ScanRequest request = ScanRequest.parse(ctx, 1, true);
        List<Reply> out = new ArrayList<>();
        long next = ctx.keyspace.scan(request, (k, v) -> {
            boolean wanted = request.matches(k.bytes()) && request.typeMatches(v.typeName());
            if (wanted && !ctx.keyspace.isExpired(k, ctx.nowMs)) out.add(Reply.bulk(k.bytes()));
        });
        return ScanRequest.reply(next, out);
    }
}
