package io.memstone.engine;

import io.memstone.rdb.DumpPayload;
import io.memstone.rdb.RdbFormatException;
import io.memstone.rdb.RdbValue;

/** DUMP and RESTORE, after Redis 7.0's cluster.c: values in Redis' serialization format. */
final class DumpCommands {
    private DumpCommands() {}

    private static final Reply BUSYKEY = Reply.error("BUSYKEY Target key name already exists.");
    private static final Reply BAD_PAYLOAD = Reply.error("ERR DUMP payload version or checksum are wrong");
    private static final Reply BAD_DATA = Reply.error("ERR Bad data format");
    private static final Reply BAD_TTL = Reply.error("ERR Invalid TTL value, must be >= 0");
    private static final Reply BAD_IDLETIME = Reply.error("ERR Invalid IDLETIME value, must be >= 0");
    private static final Reply BAD_FREQ = Reply.error("ERR Invalid FREQ value, must be >= 0 and <= 255");
    private static final int MAX_FREQ = 255;

    static void register(CommandRegistry r) {
        r.register("dump", DumpCommands::dump);
        r.register("restore", DumpCommands::restore);
    }

    static Reply dump(CommandContext ctx) {
        RedisValue v = ctx.lookup(ctx.key(1));
        return v == null ? Reply.NULL : Reply.bulk(DumpPayload.create(RdbValues.toRdb(v)));
    }

    /**
     * RESTORE key ttl payload [REPLACE] [ABSTTL] [IDLETIME s] [FREQ f], checked in Redis'
     * order: options, existing key, TTL, footer, contents. IDLETIME or FREQ sets the key's access
     * state, whichever the maxmemory-policy tracks ({@link AccessClock#restored}). A TTL already
     * past deletes the key (with REPLACE) and stores nothing, yet replies OK.
     */
    static Reply restore(CommandContext ctx) {
        boolean replace = false;
        boolean absTtl = false;
        long idle = -1;
        int freq = -1;
        for (int j = 4; j < ctx.argc(); j++) {
            boolean hasArgument = j + 1 < ctx.argc();
            String option = ctx.option(j);
            if (option.equals("replace")) {
                replace = true;
            } else if (option.equals("absttl")) {
                absTtl = true;
            } else if (option.equals("idletime") && hasArgument && freq < 0) {
                idle = ctx.longArg(++j);
                if (idle < 0) throw new CommandError(BAD_IDLETIME);
            } else if (option.equals("freq") && hasArgument && idle < 0) {
                long f = ctx.longArg(++j);
                if (f < 0 || f > MAX_FREQ) throw new CommandError(BAD_FREQ);
                freq = (int) f;
            } else {
                return Errors.SYNTAX;
            }
        }
        Key key = ctx.key(1);
        if (!replace && ctx.lookup(key) != null) return BUSYKEY;
        long ttl = ctx.longArg(2);
        if (ttl < 0) return BAD_TTL;
        byte[] payload = ctx.argv[3];
        if (!DumpPayload.verify(payload)) return BAD_PAYLOAD;
        RedisValue value = RdbValues.fromRdb(ctx.limits, decode(payload));

        if (replace) ctx.keyspace.delete(key);
        if (ttl != 0 && !absTtl) ttl += ctx.nowMs; // wraps on overflow, as Redis' C does
        if (ttl != 0 && ttl <= ctx.nowMs) return Reply.OK;
        ctx.keyspace.set(key, value);
        AccessClock.restored(value, idle, freq, ctx.nowMs, ctx.engine.memoryPolicy());
        if (ttl != 0) ctx.keyspace.setExpire(key, ttl);
        return Reply.OK;
    }

    private static RdbValue decode(byte[] payload) {
        try {
            return DumpPayload.read(payload);
        } catch (RdbFormatException e) {
            throw new CommandError(BAD_DATA);
        }
    }
}
