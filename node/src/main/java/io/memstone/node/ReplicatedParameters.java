package io.memstone.node;

import io.memstone.gateway.Parameters;
import io.memstone.raft.RaftNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * CONFIG GET/SET over the meta group's replicated parameter group: reads see what this node's
 * meta replica has applied, a change is proposed to the meta group and answered once this node
 * has applied it, and listeners run on every applied change, whoever made it (a CONFIG SET on
 * any node, the admin service's SetParameters).
 */
final class ReplicatedParameters implements Parameters, AutoCloseable {
    /** Rides out a meta group election; without a majority CONFIG SET fails rather than hangs. */
    static final long SET_TIMEOUT_S = 15;

    private final RaftNode raft;
    /** Proposes off the gateway's event loop: a Ratis client may block for a free slot. */
    private final ExecutorService proposer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "config-set");
        t.setDaemon(true);
        return t;
    });

    ReplicatedParameters(RaftNode raft) {
        this.raft = raft;
    }

    @Override
    public String get(String name) {
        String value = raft.parameters().get(name);
        if (value == null) throw new IllegalArgumentException("no replicated parameter " + name);
        return value;
    }

    /** Fails with the reason the meta group refused the change, or that it did not apply it in time. */
    @Override
    public CompletableFuture<Void> set(Map<String, String> values) {
        return CompletableFuture.supplyAsync(() -> raft.setParameters(values), proposer)
                .thenCompose(applied -> applied)
                .orTimeout(SET_TIMEOUT_S, TimeUnit.SECONDS)
                .handle((applied, error) -> {
                    if (error == null) return null;
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof TimeoutException) {
                        throw new IllegalStateException("the meta group did not apply the change within " + SET_TIMEOUT_S
                                + " s (no leader?); it may still apply");
                    }
                    throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
                });
    }

    @Override
    public void addListener(Runnable listener) {
        raft.onParameters(applied -> listener.run());
    }

    @Override
    public void close() {
        proposer.shutdownNow();
    }
}
