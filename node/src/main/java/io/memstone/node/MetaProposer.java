package io.memstone.node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Proposes changes to the meta group for the gateway (CONFIG SET, ACL SETUSER...): off the
 * gateway's event loop, since a Ratis client may block for a free slot, and bounded in time,
 * so that without a majority the command fails rather than hangs.
 */
final class MetaProposer implements AutoCloseable {
    /** Rides out a meta group election. */
    static final long TIMEOUT_S = 15;

    private final ExecutorService proposer;

    MetaProposer(String threadName) {
        proposer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Fails with the change's own failure, or that the meta group did not apply it in time. */
    <T> CompletableFuture<T> propose(Supplier<CompletableFuture<T>> change) {
        return CompletableFuture.supplyAsync(change, proposer)
                .thenCompose(applied -> applied)
                .orTimeout(TIMEOUT_S, TimeUnit.SECONDS)
                .handle((applied, error) -> {
                    if (error == null) return applied;
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof TimeoutException) {
                        throw new IllegalStateException("the meta group did not apply the change within " + TIMEOUT_S
                                + " s (no leader?); it may still apply");
                    }
                    throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
                });
    }

    @Override
    public void close() {
        proposer.shutdownNow();
    }
}
