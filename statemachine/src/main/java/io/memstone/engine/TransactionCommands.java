package io.memstone.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * MULTI/EXEC in the engine (Redis' multi.c): the gateway queues a connection's commands and
 * sends the whole transaction as one {@code __exec} (see {@link TransactionArgs}), which runs
 * here within one log entry, so every replica applies all of it or none of it, at once.
 * {@code __watch} reads the versions WATCH remembers.
 */
final class TransactionCommands {
    private TransactionCommands() {}

    static void register(CommandRegistry r) {
        r.registerInternal(TransactionArgs.WATCH, -2, true, TransactionCommands::watch);
        r.registerInternal(TransactionArgs.EXEC, -2, false, TransactionCommands::exec);
    }

    /** [version, live] for each key. */
    static Reply watch(CommandContext ctx) {
        List<Reply> out = new ArrayList<>(2 * (ctx.argc() - 1));
        for (int i = 1; i < ctx.argc(); i++) {
            Key key = ctx.key(i);
            out.add(Reply.integer(ctx.keyspace.version(key)));
            out.add(Reply.integer(ctx.keyspace.get(key, ctx.nowMs) != null ? 1 : 0));
        }
        return Reply.array(out);
    }

    /**
     * Nil when a watched key changed since WATCH read it; else every queued command's reply, in
     * order (an error in one does not stop the others, as in Redis). A command on a slot this
     * shard no longer serves refuses the whole transaction before anything runs, so the gateway
     * can send it again where the slot went.
     */
    static Reply exec(CommandContext ctx) {
        TransactionArgs.Transaction t = TransactionArgs.parse(ctx.argv);
        for (byte[][] c : t.commands()) {
            String name = CommandContext.lowerName(c[0]);
            if (name.equals(TransactionArgs.EXEC)) return Reply.error("ERR EXEC inside a transaction");
            Reply refused = ctx.slots.check(name, c);
            if (refused != null) return refused;
        }
        for (TransactionArgs.Watched w : t.watched()) {
            if (changed(ctx, w)) return Reply.NULL_ARRAY;
        }
        List<Reply> replies = new ArrayList<>(t.commands().size());
        for (byte[][] c : t.commands()) replies.add(ctx.engine.execute(c, ctx));
        return Reply.array(replies);
    }

    /**
     * Redis' CLIENT_DIRTY_CAS and isWatchedKeyExpired: the key's version moved, or it held a
     * live value at WATCH that has expired since (deleting an expired key does not move it).
     */
    private static boolean changed(CommandContext ctx, TransactionArgs.Watched w) {
        Key key = new Key(w.key());
        return ctx.keyspace.version(key) != w.version() || w.live() && ctx.keyspace.get(key, ctx.nowMs) == null;
    }
}
