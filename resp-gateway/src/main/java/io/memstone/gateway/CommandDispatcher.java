package io.memstone.gateway;

import io.memstone.command.CommandSpec;
import io.memstone.command.Slots;
import io.memstone.engine.Errors;
import io.memstone.engine.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a request is, in redis-server's order (processCommand): unknown command or
 * subcommand, then arity, then authentication and ACL permissions, then either a gateway command or an engine command routed by slot
 * (refused over maxmemory after the slot check, as Redis checks memory after redirections).
 * A refused request is counted at once; a command that runs is timed from its start to its
 * reply and then recorded (statistics, slow log, MONITOR). Knows commands and slots, not
 * connections or ordering.
 */
final class CommandDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    private final CommandCatalog catalog;
    private final CommandExecutor executor;
    private final KeylessCommands keyless;
    private final ServerStats stats;
    private final CallRecorder recorder;
    private final MemoryGuard memory;
    private final MultiCommands multi;
    private final BlockedClients blocked;
    private final AclGate acl;

    CommandDispatcher(CommandCatalog catalog, CommandExecutor executor, ServerStats stats, CallRecorder recorder,
                      MemoryGuard memory, MultiCommands multi, BlockedClients blocked, AclGate acl) {
        this.blocked = blocked;
        this.acl = acl;
        this.catalog = catalog;
        this.executor = executor;
        this.keyless = new KeylessCommands(executor);
        this.stats = stats;
        this.recorder = recorder;
        this.memory = memory;
        this.multi = multi;
    }

    Invocation dispatch(ClientSession session, byte[][] argv) {
        CommandCatalog.Resolution resolved = catalog.resolve(argv);
        if (resolved.error() != null) return reject(session, null, resolved.error());
        CommandSpec spec = resolved.spec();
        if (!spec.arityMatches(argv.length)) return reject(session, spec, Errors.wrongArity(spec.fullName()));
        Reply denied = acl.refusal(session, spec, argv);
        if (denied != null) return reject(session, spec, denied);
        Reply subscribed = PubSubCommands.refusal(session, spec);
        if (subscribed != null) return reject(session, spec, subscribed);
        session.lastCommand = spec.fullName();
        if (MultiCommands.queues(session, spec)) {
            Reply queued = multi.queue(session, spec, argv);
            return queued.isError() ? reject(session, spec, queued) : Invocation.refused(queued);
        }
        CommandCatalog.Registered local = catalog.local(spec);
        if (local != null) return timed(session, spec, argv, local.kind(), local.command().stage(session, argv));
        return route(session, spec, argv);
    }

    /**
     * Redis' rejectCommand: a refusal also fails the connection's transaction if it is in MULTI,
     * and a refused EXEC ends it.
     */
    private Invocation reject(ClientSession session, CommandSpec spec, Reply error) {
        if (session.transaction != null) session.transaction.fail();
        return refuse(spec, spec != null && spec.fullName().equals("exec") ? MultiCommands.abort(session, error) : error);
    }

    /**
     * An engine command: to the shard of its keys (a read after READONLY to the local replica),
     * or to every shard when it has no keys. A blocking command (outside MULTI, which queues it
     * and so runs it without waiting) parks the client until it takes something.
     */
    private Invocation route(ClientSession session, CommandSpec spec, byte[][] argv) {
        boolean write = spec.goesThroughLog();
        Invocation.Kind kind = write ? Invocation.Kind.WRITE : Invocation.Kind.READ;
        if (spec.keySpecs().isEmpty()) {
            if (memory.refuses(spec, MemoryGuard.KEYLESS)) return refuse(spec, MemoryGuard.OOM);
            return timed(session, spec, argv, kind, () -> keyless.run(spec.fullName(), argv, write));
        }
        int[] keys = spec.keyPositions(argv);
        int slot = SlotSpan.route(argv, keys, executor.shardCount() > 1);
        if (slot == Slots.CROSS_SLOT) return refuse(spec, GatewayErrors.CROSSSLOT);
        if (memory.refuses(spec, slot)) return refuse(spec, MemoryGuard.OOM);
        if (BlockingForms.blocks(spec.fullName(), argv)) {
            BlockingRequest request = BlockingForms.request(spec.fullName(), argv, keys, slot, executor);
            return timed(session, spec, argv, Invocation.Kind.BLOCKING, () -> blocked.block(session, request));
        }
        if (!write && session.readOnly) return timed(session, spec, argv, kind, () -> executor.executeOnReplica(slot, argv));
        return timed(session, spec, argv, kind, () -> executor.execute(slot, argv, write));
    }

    /** Redis' rejectCommand: the command (if known) counts a rejected call, the error is counted. */
    private Invocation refuse(CommandSpec spec, Reply error) {
        stats.rejected(spec == null ? null : spec.fullName(), error);
        return Invocation.refused(error);
    }

    private Invocation timed(ClientSession session, CommandSpec spec, byte[][] argv, Invocation.Kind kind,
                             Supplier<CompletableFuture<Reply>> action) {
        return new Invocation(kind, () -> {
            long start = System.nanoTime();
            return start(action).handle((reply, failure) -> {
                Reply r = failure != null ? failed(failure) : reply != null ? reply : GatewayErrors.error("ERR no reply");
                recorder.record(session, spec, argv, start, r);
                return r;
            });
        });
    }

    private static Reply failed(Throwable failure) {
        LOG.debug("command failed: {}", failure.getMessage());
        return GatewayErrors.fromFailure(failure);
    }

    /** Runs an invocation's action; a thrown exception becomes a failed future, never a dead connection. */
    static CompletableFuture<Reply> start(Invocation invocation) {
        return start(invocation.action());
    }

    static CompletableFuture<Reply> start(Supplier<CompletableFuture<Reply>> action) {
        try {
            CompletableFuture<Reply> f = action.get();
            return f != null ? f : CompletableFuture.completedFuture(GatewayErrors.error("ERR no reply"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
