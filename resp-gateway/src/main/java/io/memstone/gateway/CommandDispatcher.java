package io.memstone.gateway;

import io.memstone.command.CommandSpec;
import io.memstone.command.Slots;
import io.memstone.engine.Errors;
import io.memstone.engine.Reply;
import java.util.concurrent.CompletableFuture;

/**
 * Decides what a request is, in redis-server's order (processCommand): unknown command or
 * subcommand, then arity, then either a gateway command or an engine command routed by slot.
 * Knows commands and slots, not connections or ordering.
 */
final class CommandDispatcher {
    private final CommandCatalog catalog;
    private final CommandExecutor executor;
    private final KeylessCommands keyless;

    CommandDispatcher(CommandCatalog catalog, CommandExecutor executor) {
        this.catalog = catalog;
        this.executor = executor;
        this.keyless = new KeylessCommands(executor);
    }

    Invocation dispatch(ClientSession session, byte[][] argv) {
        CommandCatalog.Resolution resolved = catalog.resolve(argv);
        if (resolved.error() != null) return Invocation.local(resolved.error());
        CommandSpec spec = resolved.spec();
        if (!spec.arityMatches(argv.length)) return Invocation.local(Errors.wrongArity(spec.fullName()));
        session.lastCommand = spec.fullName();
        CommandCatalog.Registered local = catalog.local(spec);
        if (local != null) return new Invocation(local.kind(), () -> local.command().run(session, argv));
        return route(session, spec, argv);
    }

    /**
     * An engine command: to the shard of its keys (a read after READONLY to the local replica),
     * or to every shard when it has no keys.
     */
    private Invocation route(ClientSession session, CommandSpec spec, byte[][] argv) {
        boolean write = throughLog(spec);
        Invocation.Kind kind = write ? Invocation.Kind.WRITE : Invocation.Kind.READ;
        if (spec.keySpecs().isEmpty()) return new Invocation(kind, () -> keyless.run(spec.fullName(), argv, write));
        int slot = Slots.slotOf(argv, spec.keyPositions(argv));
        if (slot == Slots.CROSS_SLOT) return Invocation.local(GatewayErrors.CROSSSLOT);
        if (!write && session.readOnly) return new Invocation(kind, () -> executor.executeOnReplica(slot, argv));
        return new Invocation(kind, () -> executor.execute(slot, argv, write));
    }

    /**
     * Writes go through the log, and so does what Redis may replicate although it is flagged
     * read-only: PFCOUNT stores the count it computes in the HLL's header (GET, APPEND and a
     * later PFCOUNT see it), which only a logged command may do on every replica alike.
     */
    private static boolean throughLog(CommandSpec spec) {
        return spec.isWrite() || spec.flags().contains("MAY_REPLICATE");
    }

    /** Runs an invocation's action; a thrown exception becomes a failed future, never a dead connection. */
    static CompletableFuture<Reply> start(Invocation invocation) {
        try {
            CompletableFuture<Reply> f = invocation.action().get();
            return f != null ? f : CompletableFuture.completedFuture(GatewayErrors.error("ERR no reply"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
