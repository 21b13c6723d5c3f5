package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clients of this gateway parked by a blocking command, and when each tries again.
 *
 * <p>Every try is the command proposed once through the log without waiting, so an element
 * goes to exactly one client or stays where it is. A client whose try took nothing waits in a
 * FIFO queue per key; when a write that pushed elements into a key is applied (see
 * {@link ReadyKeySource}), the clients queued on it try again in queue order, all at once: the
 * shard's proposer keeps that order in the log, so the first in the queue is served first.
 * A key pushed while a client's try is on its way gets that client another try after it, so
 * no push is missed. A try that fails (a failover, a slot moving) is repeated after a short
 * pause; it goes by slot each time, so a moved slot reaches its new shard. Keys of shards this
 * node holds no replica of are tried on a timer instead.
 *
 * <p>The time limit is the gateway's (the take itself is deterministic). A limit or a CLIENT
 * UNBLOCK that comes while a try is on its way waits for it: what it took is still delivered.
 *
 * <p>All state is touched on one thread ({@link #loop}); the public methods hop onto it.
 */
final class BlockedClients implements AutoCloseable {
    static final Reply UNBLOCKED = Reply.error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
    /** Pause before repeating a try that failed. */
    private static final long RETRY_AFTER_FAILURE_MS = 100;
    /** Tries of keys whose writes this node does not hear of. */
    private static final long POLL_MS = 1000;
    /** Every this many polls, clients on heard-of keys try too: a report lost to a snapshot install is not fatal. */
    private static final int BACKSTOP_POLLS = 10;

    private static final List<String> PASSING = List.of("TRYAGAIN", "CLUSTERDOWN", "MOVED", "ASK");

    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "blocked-clients");
        t.setDaemon(true);
        return t;
    });
    private final ReadyKeySource source;
    private final Map<ByteBuffer, ArrayDeque<Waiter>> byKey = new HashMap<>();
    private final Map<Long, Waiter> byClient = new HashMap<>();
    private final AtomicInteger parked = new AtomicInteger();
    private int polls;

    private static final class Waiter {
        final ClientSession session;
        final BlockingRequest request;
        final CompletableFuture<Reply> result = new CompletableFuture<>();
        /** The first try took nothing: the client waits (counted in blocked_clients). */
        boolean waiting;
        boolean trying;
        /** A key was pushed while a try was on its way: try again after it. */
        boolean again;
        /** Time is up or CLIENT UNBLOCK came while a try was on its way: the reply unless it took something. */
        Reply endWith;
        ScheduledFuture<?> timer;

        Waiter(ClientSession session, BlockingRequest request) {
            this.session = session;
            this.request = request;
        }
    }

    BlockedClients(ReadyKeySource source) {
        this.source = source;
        source.onReadyKeys(keys -> loop.execute(() -> wake(keys)));
        loop.scheduleWithFixedDelay(this::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** Runs the request until it takes something, its time is up, or the client is unblocked. */
    CompletableFuture<Reply> block(ClientSession session, BlockingRequest request) {
        Waiter w = new Waiter(session, request);
        loop.execute(() -> park(w));
        return w.result;
    }

    /** CLIENT UNBLOCK: whether the client was waiting; it gets {@code reply} (or what its try in flight took). */
    CompletableFuture<Boolean> unblock(long clientId, boolean error) {
        return CompletableFuture.supplyAsync(() -> {
            Waiter w = byClient.get(clientId);
            if (w == null || !w.waiting) return false;
            end(w, error ? UNBLOCKED : w.request.timedOut());
            return true;
        }, loop);
    }

    /** A connection closed: its client stops waiting. */
    void drop(ClientSession session) {
        loop.execute(() -> {
            Waiter w = byClient.get(session.id);
            if (w != null) finish(w, w.request.timedOut());
        });
    }

    /** Clients waiting now (INFO's blocked_clients). */
    int count() {
        return parked.get();
    }

    private void park(Waiter w) {
        for (byte[] key : w.request.keys()) byKey.computeIfAbsent(ByteBuffer.wrap(key), k -> new ArrayDeque<>()).add(w);
        byClient.put(w.session.id, w);
        if (w.request.timeoutMs() > 0) {
            w.timer = loop.schedule(() -> end(w, w.request.timedOut()), w.request.timeoutMs(), TimeUnit.MILLISECONDS);
        }
        attempt(w);
    }

    private void attempt(Waiter w) {
        w.trying = true;
        w.again = false;
        CommandDispatcher.start(w.request.attempt())
                .whenComplete((reply, failure) -> loop.execute(() -> attempted(w, reply, failure)));
    }

    private void attempted(Waiter w, Reply reply, Throwable failure) {
        w.trying = false;
        if (w.result.isDone()) return;
        boolean failed = failure != null || reply.isError();
        if (!w.waiting && failed) {
            // The first try answers as any command would: WRONGTYPE, a bad timeout, a shard down.
            finish(w, failure != null ? GatewayErrors.fromFailure(failure) : reply);
            return;
        }
        boolean served = !failed && !BlockingRequest.tookNothing(reply);
        if (served || failure == null && failed && w.request.ends().test(reply)) {
            finish(w, reply);
            return;
        }
        if (w.endWith != null) {
            finish(w, w.endWith);
            return;
        }
        if (!w.waiting) {
            w.waiting = true;
            w.session.blocked = true;
            parked.incrementAndGet();
        }
        // A later try that fails leaves the client waiting, as Redis leaves a client blocked on
        // a key that turned into another type; a failover or a moving slot is tried again soon.
        if (failure != null || (failed && passing(reply))) {
            loop.schedule(() -> retryIfIdle(w), RETRY_AFTER_FAILURE_MS, TimeUnit.MILLISECONDS);
        } else if (w.again) {
            attempt(w);
        }
    }

    /** An error of the cluster's, which passes: the shard is electing, or the slot moving. */
    private static boolean passing(Reply error) {
        String text = ((Reply.Error) error).text();
        return PASSING.stream().anyMatch(text::startsWith);
    }

    private void retryIfIdle(Waiter w) {
        if (!w.result.isDone() && !w.trying) attempt(w);
    }

    /** Time is up or CLIENT UNBLOCK: at once, or after the try on its way when there is one. */
    private void end(Waiter w, Reply reply) {
        if (w.result.isDone()) return;
        if (w.trying) w.endWith = reply;
        else finish(w, reply);
    }

    private void wake(List<byte[]> keys) {
        for (byte[] key : keys) {
            ArrayDeque<Waiter> queue = byKey.get(ByteBuffer.wrap(key));
            if (queue == null) continue;
            for (Waiter w : new ArrayList<>(queue)) {
                if (w.trying) w.again = true;
                else attempt(w);
            }
        }
    }

    private void poll() {
        boolean everyone = ++polls % BACKSTOP_POLLS == 0;
        for (Waiter w : new ArrayList<>(byClient.values())) {
            if (w.waiting && !w.trying && (everyone || !source.covers(w.request.slot()))) attempt(w);
        }
    }

    private void finish(Waiter w, Reply reply) {
        for (byte[] key : w.request.keys()) {
            ByteBuffer k = ByteBuffer.wrap(key);
            ArrayDeque<Waiter> queue = byKey.get(k);
            if (queue != null && queue.remove(w) && queue.isEmpty()) byKey.remove(k);
        }
        byClient.remove(w.session.id, w);
        if (w.timer != null) w.timer.cancel(false);
        if (w.waiting) {
            w.session.blocked = false;
            parked.decrementAndGet();
        }
        w.result.complete(reply);
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
