package io.memstone.raft;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import io.memstone.engine.Reply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Groups commands from all connections into batches: while {@code maxInFlight} batches are
 * outstanding, new commands queue up and leave together in the next one. One Raft entry (or
 * one ReadIndex) then serves many commands, which is what makes durable writes fast: Ratis
 * alone manages about a thousand entries a second per group on two cores.
 */
final class Batcher implements ProposerQueue {
    /** Sends one batch; completes with one reply per command, in order. */
    interface Sender {
        CompletableFuture<List<Reply>> send(List<byte[][]> commands);
    }

    private record Pending(byte[][] argv, CompletableFuture<Reply> reply) {}

    private final Sender sender;
    private final int maxInFlight;
    private final int maxBatch;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Histogram batchSizes = new Histogram(LockFreeExponentiallyDecayingReservoir.builder().build());
    private int inFlight;

    Batcher(Sender sender, int maxInFlight, int maxBatch) {
        this.sender = sender;
        this.maxInFlight = maxInFlight;
        this.maxBatch = maxBatch;
    }

    CompletableFuture<Reply> submit(byte[][] argv) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        synchronized (this) {
            queue.add(new Pending(argv, reply));
            sendNext();
        }
        return reply;
    }

    /**
     * Sends the next batch unless the in-flight limit is reached or nothing waits. Taking and
     * sending happen under one lock so batches leave in the order their commands arrived
     * (sending is asynchronous and returns at once).
     */
    private synchronized void sendNext() {
        List<Pending> batch = takeBatch();
        if (batch != null) send(batch);
    }

    private List<Pending> takeBatch() {
        if (inFlight >= maxInFlight || queue.isEmpty()) return null;
        inFlight++;
        List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
        while (!queue.isEmpty() && batch.size() < maxBatch) batch.add(queue.poll());
        batchSizes.update(batch.size());
        return batch;
    }

    @Override
    public Histogram batchSizes() {
        return batchSizes;
    }

    @Override
    public synchronized int queued() {
        return queue.size();
    }

    @Override
    public synchronized int inFlight() {
        return inFlight;
    }

    private void send(List<Pending> batch) {
        List<byte[][]> commands = new ArrayList<>(batch.size());
        for (Pending p : batch) commands.add(p.argv());
        CompletableFuture<List<Reply>> sent;
        try {
            sent = sender.send(commands);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((replies, error) -> {
            for (int i = 0; i < batch.size(); i++) {
                if (error != null) batch.get(i).reply().completeExceptionally(error);
                else batch.get(i).reply().complete(replies.get(i));
            }
            synchronized (this) {
                inFlight--;
                sendNext();
            }
        });
    }
}
