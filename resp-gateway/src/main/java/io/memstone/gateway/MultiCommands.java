package io.memstone.gateway;

import io.memstone.command.CommandSpec;
import io.memstone.command.Slots;
import io.memstone.engine.Reply;
import io.memstone.engine.TransactionArgs;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH (Redis' multi.c, gateway half). Inside MULTI the
 * gateway queues a connection's commands, refusing what it would refuse outside (unknown,
 * arity, CROSSSLOT, OOM: EXEC then answers EXECABORT). EXEC sends the queued engine commands
 * and the watched keys' versions as one {@code __exec} write: one log entry, which every replica
 * applies whole or, when a watched key changed, not at all (nil). Gateway commands queued in
 * the transaction (PING, ECHO, CLIENT ...) run at EXEC, after the entry, their replies in place
 * (on the thread that completes the entry, not the connection's event loop).
 *
 * <p>With several shards a transaction's keys must share a slot, as in Redis Cluster; a
 * transaction without keys runs on any shard. A cluster of one shard takes any keys. Keyless engine commands (DBSIZE, KEYS, SCAN,
 * FLUSHALL...) would see one shard only, so they are refused in MULTI then.
 */
final class MultiCommands {
    static final Reply QUEUED = new Reply.Simple("QUEUED");
    private static final Reply EXECABORT = Reply.error("EXECABORT Transaction discarded because of previous errors.");
    private static final Reply NESTED = Reply.error("ERR MULTI calls can not be nested");
    private static final Reply EXEC_WITHOUT_MULTI = Reply.error("ERR EXEC without MULTI");
    private static final Reply DISCARD_WITHOUT_MULTI = Reply.error("ERR DISCARD without MULTI");
    private static final Reply WATCH_INSIDE_MULTI = Reply.error("ERR WATCH inside MULTI is not allowed");
    /** What runs at once inside MULTI instead of being queued (Redis' processCommand). */
    private static final Set<String> NOT_QUEUED = Set.of("exec", "discard", "multi", "watch", "quit");

    private final CommandCatalog catalog;
    private final CommandExecutor executor;
    private final MemoryGuard memory;
    private final AclGate acl;

    MultiCommands(CommandCatalog catalog, CommandExecutor executor, MemoryGuard memory, AclGate acl) {
        this.acl = acl;
        this.catalog = catalog;
        this.executor = executor;
        this.memory = memory;
    }

    void register(CommandCatalog catalog) {
        catalog.sync("multi", this::multi);
        catalog.sync("discard", this::discard);
        catalog.sync("unwatch", (session, argv) -> {
            session.watching = new WatchSet();
            return Reply.OK;
        });
        catalog.register("exec", Invocation.Kind.WRITE, (LocalCommand.Staged) this::exec);
        catalog.register("watch", Invocation.Kind.READ, (LocalCommand.Staged) this::watch);
    }

    /** Whether the command is queued rather than run: the connection is in MULTI. */
    static boolean queues(ClientSession session, CommandSpec spec) {
        return session.transaction != null && !NOT_QUEUED.contains(spec.fullName());
    }

    /** Queues a command of a connection in MULTI: QUEUED, or the error that fails the transaction. */
    Reply queue(ClientSession session, CommandSpec spec, byte[][] argv) {
        Transaction t = session.transaction;
        CommandCatalog.Registered local = catalog.local(spec);
        if (local == null) {
            Reply refused = refusal(t, spec, argv);
            if (refused != null) return refused;
        }
        t.queued.add(new Transaction.Queued(argv, local == null ? null : queued(spec, local.command())));
        return QUEUED;
    }

    /**
     * A gateway command as EXEC runs it. UNWATCH only answers: EXEC has unwatched already (as
     * Redis does before it runs the queue), and running it that late would drop a WATCH read
     * after the EXEC.
     */
    private static LocalCommand queued(CommandSpec spec, LocalCommand command) {
        return spec.fullName().equals("unwatch") ? (session, argv) -> done(Reply.OK) : command;
    }

    /** The dispatcher's checks for an engine command, against the transaction's slot so far. */
    private Reply refusal(Transaction t, CommandSpec spec, byte[][] argv) {
        boolean sharded = executor.shardCount() > 1;
        int[] keys = spec.keyPositions(argv);
        if (keys.length == 0 && sharded) {
            return GatewayErrors.error("ERR " + spec.fullName().toUpperCase(Locale.ROOT)
                    + " inside MULTI needs a cluster of one shard");
        }
        int slot = MemoryGuard.KEYLESS;
        if (keys.length > 0) {
            slot = SlotSpan.route(argv, keys, sharded);
            if (slot == Slots.CROSS_SLOT) return GatewayErrors.CROSSSLOT;
            t.slots.add(slot);
            if (t.slots.several() && sharded) return GatewayErrors.CROSSSLOT;
        }
        return memory.refuses(spec, slot) ? MemoryGuard.OOM : null;
    }

    /** Redis' execCommandAbort: EXEC itself was refused; the transaction and the watches end. */
    static Reply abort(ClientSession session, Reply error) {
        end(session);
        String why = ((Reply.Error) error).text();
        return Reply.error("EXECABORT Transaction discarded because of: " + (why.startsWith("ERR ") ? why.substring(4) : why));
    }

    private Reply multi(ClientSession session, byte[][] argv) {
        if (session.transaction != null) return NESTED;
        session.transaction = new Transaction(session.watching.slots);
        return Reply.OK;
    }

    private Reply discard(ClientSession session, byte[][] argv) {
        if (session.transaction == null) return DISCARD_WITHOUT_MULTI;
        end(session);
        return Reply.OK;
    }

    /** Redis' discardTransaction: out of MULTI, nothing watched. */
    private static void end(ClientSession session) {
        session.transaction = null;
        session.watching = new WatchSet();
    }

    /** Ends the transaction on arrival (what follows is not queued); applies it in its turn. */
    private Supplier<CompletableFuture<Reply>> exec(ClientSession session, byte[][] argv) {
        Transaction t = session.transaction;
        WatchSet watched = session.watching;
        if (t == null) return answer(EXEC_WITHOUT_MULTI);
        end(session);
        if (t.failed()) return answer(EXECABORT);
        refuseRevoked(session, t);
        return () -> apply(session, t, watched);
    }

    /**
     * Permissions are checked again at EXEC, as Redis does: a queued command the user may no
     * longer run is answered with why, in its place, and the others run.
     */
    private void refuseRevoked(ClientSession session, Transaction t) {
        for (int i = 0; i < t.queued.size(); i++) {
            byte[][] argv = t.queued.get(i).argv();
            Reply refused = acl.revoked(session, catalog.resolve(argv).spec(), argv);
            if (refused != null) t.queued.set(i, new Transaction.Queued(argv, (s, a) -> done(refused)));
        }
    }

    private CompletableFuture<Reply> apply(ClientSession session, Transaction t, WatchSet watchSet) {
        if (t.slots.several() && executor.shardCount() > 1) return done(GatewayErrors.CROSSSLOT); // shards added since
        if (watchSet.broken()) return done(Reply.NULL_ARRAY);
        List<byte[][]> commands = t.engineCommands();
        List<TransactionArgs.Watched> watched = watchSet.watched();
        CompletableFuture<Reply> applied = commands.isEmpty() && watched.isEmpty() ? done(Reply.EMPTY_ARRAY)
                : executor.execute(t.slots.slot(), TransactionArgs.exec(watched, commands), true);
        if (!t.hasLocalCommands()) return applied;
        return applied.thenCompose(r -> r instanceof Reply.Array a ? withLocalReplies(session, t, a.items()) : done(r));
    }

    /** The engine's replies with the gateway commands' replies in their places, run in order. */
    private static CompletableFuture<Reply> withLocalReplies(ClientSession session, Transaction t, List<Reply> engine) {
        CompletableFuture<List<Reply>> all = done(new ArrayList<>(t.queued.size()));
        Iterator<Reply> fromEngine = engine.iterator();
        for (Transaction.Queued q : t.queued) {
            if (q.local() == null) {
                Reply r = fromEngine.next();
                all = all.thenApply(list -> add(list, r));
            } else {
                all = all.thenCompose(list -> CommandDispatcher.start(() -> q.local().run(session, q.argv()))
                        .exceptionally(GatewayErrors::fromFailure)
                        .thenApply(r -> add(list, r)));
            }
        }
        return all.thenApply(Reply::array);
    }

    /**
     * Reads the keys' versions; EXEC carries them. The keys join the connection's watch set on
     * arrival (their slot counts for the transaction); the versions when the read returns. A read
     * that fails leaves EXEC to abort, as the keys' state is unknown.
     */
    private Supplier<CompletableFuture<Reply>> watch(ClientSession session, byte[][] argv) {
        if (session.transaction != null) return answer(WATCH_INSIDE_MULTI);
        WatchSet set = session.watching;
        int slot = Slots.slot(argv[1]);
        if (executor.shardCount() > 1) {
            for (int i = 1; i < argv.length; i++) {
                if (Slots.slot(argv[i]) != slot) return answer(GatewayErrors.CROSSSLOT);
            }
            if (!set.slots.admits(slot)) return answer(GatewayErrors.CROSSSLOT);
        }
        List<byte[]> keys = List.of(argv).subList(1, argv.length);
        for (byte[] key : keys) set.slots.add(Slots.slot(key));
        return () -> executor.execute(slot, TransactionArgs.watch(keys), false).handle((reply, failure) -> {
            List<TransactionArgs.Watched> versions = failure == null ? TransactionArgs.watched(keys, reply) : null;
            if (versions != null) {
                set.add(versions);
                return Reply.OK;
            }
            set.breakIt();
            if (failure != null) return GatewayErrors.fromFailure(failure);
            return reply.isError() ? reply : GatewayErrors.error("ERR unexpected reply to WATCH's read");
        });
    }

    private static List<Reply> add(List<Reply> list, Reply r) {
        list.add(r);
        return list;
    }

    private static Supplier<CompletableFuture<Reply>> answer(Reply r) {
        return () -> done(r);
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
