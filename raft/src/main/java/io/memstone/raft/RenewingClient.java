package io.memstone.raft;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.util.JavaUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis client of one group, replaced when Ratis has failed it for good. Ratis' ordered
 * async client fails every later request once one request met a group mismatch (a peer that
 * has not joined the group yet, or has left it), ran out of retries, or found it closed; nothing
 * in the client recovers from that. A request that fails so is sent once more on a new client
 * from the factory, which builds it from the current shape. That is safe for writes: a batch
 * carries its proposer and sequence, and the engine applies a batch it has seen only once.
 * The first client is made on the first request, so that merely naming a group (metrics do)
 * sends nothing to its peers.
 */
final class RenewingClient implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RenewingClient.class);
    /** Requests already on a replaced client may still complete: it is closed after this. */
    private static final Executor CLOSE_LATER = CompletableFuture.delayedExecutor(30, TimeUnit.SECONDS);

    private final String group;
    private final Supplier<RaftClient> factory;
    private final AtomicLong renewals = new AtomicLong();
    private volatile RaftClient current;
    private volatile boolean closed;

    RenewingClient(String group, Supplier<RaftClient> factory) {
        this.group = group;
        this.factory = factory;
    }

    CompletableFuture<RaftClientReply> send(Message message) {
        return call(c -> c.async().send(message));
    }

    CompletableFuture<RaftClientReply> sendReadOnly(Message message) {
        return call(c -> c.async().sendReadOnly(message));
    }

    private CompletableFuture<RaftClientReply> call(Function<RaftClient, CompletableFuture<RaftClientReply>> request) {
        RaftClient used;
        try {
            used = client();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return request.apply(used).handle((reply, error) -> {
            if (error == null || closed || !failedForGood(error)) return same(reply, error);
            return request.apply(renew(used, "the old one failed for good: " + JavaUtils.unwrapCompletionException(error)));
        }).thenCompose(f -> f);
    }

    private static CompletableFuture<RaftClientReply> same(RaftClientReply reply, Throwable error) {
        return error == null ? CompletableFuture.completedFuture(reply) : CompletableFuture.failedFuture(error);
    }

    private RaftClient client() {
        RaftClient c = current;
        if (c != null) return c;
        synchronized (this) {
            if (current == null) current = factory.get();
            return current;
        }
    }

    /** Replaces the client, if one was made (the group's members changed); what it has in flight may finish. */
    synchronized void renew(String why) {
        if (current != null) renew(current, why);
    }

    /** Replaces {@code failed} unless another request already did; returns the client to use. */
    private synchronized RaftClient renew(RaftClient failed, String why) {
        if (current != failed || closed) return current;
        current = factory.get();
        renewals.incrementAndGet();
        LOG.info("{}: new Raft client: {}", group, why);
        CLOSE_LATER.execute(() -> closeQuietly(failed));
        return current;
    }

    /** How many times the client was replaced. */
    long renewals() {
        return renewals.get();
    }

    /** The failures after which Ratis' client fails every later request too. */
    static boolean failedForGood(Throwable error) {
        Throwable t = JavaUtils.unwrapCompletionException(error);
        return t instanceof AlreadyClosedException || t instanceof GroupMismatchException
                || t instanceof RaftRetryFailureException || !(t instanceof IOException);
    }

    private void closeQuietly(RaftClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("{}: closing a replaced Raft client: {}", group, e.toString());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (current != null) current.close();
    }
}
