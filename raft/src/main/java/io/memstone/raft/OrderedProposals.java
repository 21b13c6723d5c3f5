package io.memstone.raft;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Sends a shard's write batches, several possibly in flight, so that they take effect in the
 * order they were proposed. Into the local server (while it leads) they may overlap: it appends
 * them in call order, and a Raft log commits a prefix of them, so an earlier batch that failed
 * there either took effect before the later ones or took none of them with it (a batch the log
 * holds twice is applied once: it carries its proposer and sequence). A batch that goes through
 * the Ratis client (another node leads, or the local server stopped leading) waits until every
 * earlier batch has its outcome, and so do the batches after it: requests retried across
 * clients and leaders could otherwise overtake one another.
 *
 * @param <M> a proposal
 * @param <R> its reply
 */
final class OrderedProposals<M, R> {
    /** The local Raft server. */
    interface Local<M, R> {
        boolean isLeader();

        /** Completes with null when the server turned out not to lead: nothing was appended. */
        CompletableFuture<R> submit(M message);
    }

    /** The Ratis client, which finds the leader wherever it is. */
    interface Remote<M, R> {
        CompletableFuture<R> send(M message);
    }

    private final Local<M, R> local;
    private final Remote<M, R> remote;
    /** The proposer's thread: proposing to the local server blocks until the entry is appended. */
    private final Executor proposer;
    /** Completes once every batch proposed so far has its outcome. */
    private CompletableFuture<Void> allSettled = CompletableFuture.completedFuture(null);
    /** Completes once every batch that went, or fell back, through the client has its outcome. */
    private CompletableFuture<Void> remoteSettled = CompletableFuture.completedFuture(null);

    OrderedProposals(Local<M, R> local, Remote<M, R> remote, Executor proposer) {
        this.local = local;
        this.remote = remote;
        this.proposer = proposer;
    }

    /** Proposes the next batch; called on the proposer's thread, in batch order. */
    CompletableFuture<R> propose(M message) {
        CompletableFuture<Void> earlier;
        boolean overlap;
        synchronized (this) {
            earlier = allSettled;
            overlap = remoteSettled.isDone() && local.isLeader();
        }
        CompletableFuture<R> outcome = overlap
                ? local.submit(message).thenCompose(reply -> reply != null ? CompletableFuture.completedFuture(reply)
                        : afterLocalRefused(earlier, message))
                : after(earlier, () -> alone(message));
        synchronized (this) {
            allSettled = CompletableFuture.allOf(allSettled, outcome.handle((r, e) -> null));
            if (!overlap) remoteSettled = allSettled;
        }
        return outcome;
    }

    /** The local server no longer leads: this batch waits for the earlier ones, the later ones for it. */
    private CompletableFuture<R> afterLocalRefused(CompletableFuture<Void> earlier, M message) {
        synchronized (this) {
            remoteSettled = allSettled;
        }
        return after(earlier, () -> remote.send(message));
    }

    /** With nothing else in flight: the local server when it leads, else (or when it refused) the client. */
    private CompletableFuture<R> alone(M message) {
        if (!local.isLeader()) return remote.send(message);
        return local.submit(message).thenCompose(reply ->
                reply != null ? CompletableFuture.completedFuture(reply) : remote.send(message));
    }

    /** Runs {@code send} at once if {@code earlier} has completed, else after it on the proposer's thread. */
    private CompletableFuture<R> after(CompletableFuture<Void> earlier, Supplier<CompletableFuture<R>> send) {
        if (earlier.isDone()) return send.get();
        return earlier.thenComposeAsync(v -> send.get(), proposer);
    }
}
