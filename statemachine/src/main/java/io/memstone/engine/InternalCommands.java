package io.memstone.engine;

import java.util.List;

/**
 * Memstone's own commands, absent from Redis' table; the gateway never forwards client input
 * under these names. {@code __keyspace} feeds INFO keyspace; {@code __expire} is how the
 * leader's active-expiry task deletes expired keys through the log; {@code __evict} is how the
 * leader's eviction ({@link MemoryAdmission}) deletes keys over maxmemory; {@code __config}
 * changes the {@link EncodingLimits}.
 */
final class InternalCommands {
    static final String EVICT = "__evict";

    private InternalCommands() {}

    static void register(CommandRegistry r) {
        r.registerInternal("__keyspace", 1, true, InternalCommands::keyspace);
        r.registerInternal("__expire", -2, false, InternalCommands::expire);
        r.registerInternal(EVICT, -2, false, InternalCommands::evict);
        r.registerInternal("__config", -2, false, EncodingLimits::apply);
    }

    /** [number of keys, number of keys with an expiry]. */
    static Reply keyspace(CommandContext ctx) {
        return Reply.array(List.of(Reply.integer(ctx.keyspace.size()),
                Reply.integer(ctx.keyspace.keysWithExpiry())));
    }

    /**
     * Deletes each named key that is expired at the batch's time, and replies how many. A key
     * rewritten since the leader sampled it is no longer expired and survives.
     */
    static Reply expire(CommandContext ctx) {
        int deleted = 0;
        for (int i = 1; i < ctx.argc(); i++) {
            Key key = ctx.key(i);
            if (ctx.keyspace.isExpired(key, ctx.nowMs) && ctx.keyspace.deleteExpired(key)) deleted++;
        }
        return Reply.integer(deleted);
    }

    /** Deletes each named key still present, counting it as evicted; replies how many. */
    static Reply evict(CommandContext ctx) {
        int evicted = 0;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.keyspace.evict(ctx.key(i))) evicted++;
        }
        return Reply.integer(evicted);
    }
}
