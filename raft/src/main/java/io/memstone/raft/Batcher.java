package io.memstone.raft;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.Timer;
import io.memstone.engine.Reply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Groups commands from all connections into batches: while batches are outstanding, new
 * commands queue up and leave together in the next one. One Raft entry (or one ReadIndex) then
 * serves many commands, which is what makes durable writes fast: Ratis alone manages about a
 * thousand entries a second per group on two cores.
 *
 * <p>With batches in flight (up to {@code maxInFlight}), a further batch leaves early only once
 * it would be full, or as large as the last one that left: so a steady load overlaps its batches
 * without splitting them into smaller entries, each of which costs a log write and an fsync on
 * every replica. With nothing in flight, a batch waits for the clients the last batch just
 * answered, as many as it held, but at most a quarter of that batch's round trip (and
 * {@code maxLinger}): without that wait, 50 clients split into two halves that take turns, each
 * half an entry of its own, and every entry carries half what it could.
 *
 * <p>Batches are sent, and their replies handed out, on the proposer's own thread: proposing
 * to the local Ratis server blocks until the entry is appended, which must stall neither a
 * client connection's event loop nor Ratis' apply thread, on which replies complete.
 */
final class Batcher implements ProposerQueue {
    /** Sends one batch; completes with one reply per command, in order. */
    interface Sender {
        CompletableFuture<List<Reply>> send(List<byte[][]> commands);
    }

    /**
     * Bytes of arguments one batch carries at most (unless its single command is larger): with
     * the largest command a write may be ({@link ShardClient#MAX_COMMAND_BYTES}), an entry stays
     * within Ratis' log write buffer.
     */
    static final long MAX_BATCH_BYTES = 16L << 20;

    /** The most a batch waits for answered clients, as a fraction of the last round trip. */
    private static final int LINGER_PER_ROUND_TRIP = 4;
    /** The most a batch waits for answered clients, in any case. */
    static final long MAX_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private record Pending(byte[][] argv, long bytes, CompletableFuture<Reply> reply, long queuedNanos) {}

    private final Sender sender;
    /** A single thread: batches leave in the order their commands arrived. */
    private final Executor proposer;
    private final int maxInFlight;
    private final int maxBatch;
    private final long maxLingerNanos;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long queuedBytes;
    private final Histogram batchSizes = new Histogram(LockFreeExponentiallyDecayingReservoir.builder().build());
    private final Timer queueWait = new Timer(LockFreeExponentiallyDecayingReservoir.builder().build());
    private final Timer roundTrip = new Timer(LockFreeExponentiallyDecayingReservoir.builder().build());
    private int inFlight;
    /** Commands in the batch that left last: the queue a further batch in flight must reach. */
    private int lastBatchSize = Integer.MAX_VALUE;
    /** True while a drain is scheduled or running on the proposer. */
    private boolean draining;
    /** With nothing in flight, the queue a batch waits for (the clients just answered); 0: none. */
    private int waitFor;
    /** How long commands may wait for that, once one waits. */
    private long lingerNanos;
    /** Names the current wait, so that a timer of an earlier one ends nothing. */
    private long lingerId;
    /** True once a timer ends the current wait: set only when a command waits, not per batch. */
    private boolean lingerArmed;

    Batcher(Sender sender, Executor proposer, int maxInFlight, int maxBatch, long maxLingerNanos) {
        this.sender = sender;
        this.proposer = proposer;
        this.maxInFlight = maxInFlight;
        this.maxBatch = maxBatch;
        this.maxLingerNanos = maxLingerNanos;
    }

    CompletableFuture<Reply> submit(byte[][] argv) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        boolean schedule;
        synchronized (this) {
            Pending p = new Pending(argv, bytes(argv), reply, System.nanoTime());
            queue.add(p);
            queuedBytes += p.bytes();
            schedule = startDraining();
            if (!schedule) armLinger();
        }
        if (schedule) {
            try {
                proposer.execute(this::drain);
            } catch (RejectedExecutionException closed) {
                reply.completeExceptionally(closed); // the shard's client was closed (the node left the shard)
            }
        }
        return reply;
    }

    /** True when the caller must run {@link #drain}: a batch may leave and no drain is under way. */
    private boolean startDraining() {
        if (draining || !batchMayLeave()) return false;
        draining = true;
        return true;
    }

    private boolean batchMayLeave() {
        if (queue.isEmpty() || inFlight >= maxInFlight) return false;
        if (queue.size() >= maxBatch || queuedBytes >= MAX_BATCH_BYTES) return true;
        return queue.size() >= (inFlight == 0 ? waitFor : lastBatchSize);
    }

    /** On the proposer: sends batches until the in-flight limit is reached or nothing waits. */
    private void drain() {
        while (true) {
            List<Pending> batch;
            synchronized (this) {
                batch = takeBatch();
                if (batch == null) {
                    draining = false;
                    return;
                }
            }
            send(batch);
        }
    }

    private List<Pending> takeBatch() {
        if (!batchMayLeave()) return null;
        inFlight++;
        endLinger();
        List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
        long bytes = 0;
        while (!queue.isEmpty() && batch.size() < maxBatch
                && (batch.isEmpty() || bytes + queue.peek().bytes() <= MAX_BATCH_BYTES)) {
            bytes += queue.peek().bytes();
            batch.add(queue.poll());
        }
        queuedBytes -= bytes;
        lastBatchSize = batch.size();
        batchSizes.update(batch.size());
        return batch;
    }

    static long bytes(byte[][] argv) {
        long n = 0;
        for (byte[] a : argv) n += a.length;
        return n;
    }

    @Override
    public Histogram batchSizes() {
        return batchSizes;
    }

    @Override
    public Timer queueWait() {
        return queueWait;
    }

    @Override
    public Timer roundTrip() {
        return roundTrip;
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
        long sentNanos = System.nanoTime();
        List<byte[][]> commands = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            commands.add(p.argv());
            queueWait.update(sentNanos - p.queuedNanos(), TimeUnit.NANOSECONDS);
        }
        CompletableFuture<List<Reply>> sent;
        try {
            sent = sender.send(commands);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenCompleteAsync((replies, error) -> {
            long tookNanos = System.nanoTime() - sentNanos;
            roundTrip.update(tookNanos, TimeUnit.NANOSECONDS);
            boolean resume;
            synchronized (this) {
                inFlight--;
                if (inFlight == 0) awaitAnswered(batch.size(), tookNanos);
            }
            for (int i = 0; i < batch.size(); i++) {
                if (error != null) batch.get(i).reply().completeExceptionally(error);
                else batch.get(i).reply().complete(replies.get(i));
            }
            synchronized (this) {
                resume = startDraining();
                if (!resume) armLinger();
            }
            if (resume) drain();
        }, proposer);
    }

    /** The next batch waits for the {@code answered} clients to send again, for a while. */
    private void awaitAnswered(int answered, long roundTripNanos) {
        endLinger();
        lingerNanos = Math.min(maxLingerNanos, roundTripNanos / LINGER_PER_ROUND_TRIP);
        if (lingerNanos > 0) waitFor = Math.min(maxBatch, queue.size() + answered);
    }

    /** Commands wait for answered clients to come back: a timer ends that wait. */
    private void armLinger() {
        if (lingerArmed || inFlight > 0 || queue.isEmpty() || queue.size() >= waitFor) return;
        lingerArmed = true;
        long id = lingerId;
        CompletableFuture.delayedExecutor(lingerNanos, TimeUnit.NANOSECONDS, proposer).execute(() -> endWait(id));
    }

    private void endLinger() {
        waitFor = 0;
        lingerId++;
        lingerArmed = false;
    }

    /** On the proposer, when a wait ran out: whatever is queued leaves. */
    private void endWait(long id) {
        synchronized (this) {
            if (id != lingerId) return;
            endLinger();
            if (!startDraining()) return;
        }
        drain();
    }
}
