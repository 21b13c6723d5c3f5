package io.memstone.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class BatcherTest {
    /** A sender whose batches complete only when the test says so. */
    private static final class HeldSender implements Batcher.Sender {
        final List<List<byte[][]>> batches = new ArrayList<>();
        final List<CompletableFuture<List<Reply>>> pending = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<List<Reply>> send(List<byte[][]> commands) {
            batches.add(commands);
            CompletableFuture<List<Reply>> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        void echo(int batch) {
            List<Reply> replies = new ArrayList<>();
            for (byte[][] argv : batches.get(batch)) replies.add(new Reply.Bulk(argv[0]));
            pending.get(batch).complete(replies);
        }
    }

    private static byte[][] cmd(String s) {
        return new byte[][] {s.getBytes(StandardCharsets.UTF_8)};
    }

    @Test
    void commandsQueuedWhileBatchesAreInFlightLeaveTogetherInOrder() throws Exception {
        HeldSender sender = new HeldSender();
        Batcher batcher = new Batcher(sender, Runnable::run, 1, 100, 0);
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) replies.add(batcher.submit(cmd("c" + i)));
        assertEquals(1, sender.batches.size(), "only one batch may be in flight");
        assertEquals(1, sender.batches.get(0).size());

        sender.echo(0);
        assertEquals(2, sender.batches.size(), "the queue leaves as soon as the first batch completes");
        assertEquals(4, sender.batches.get(1).size(), "the four queued commands form one batch");
        sender.echo(1);
        for (int i = 0; i < 5; i++) {
            assertEquals("c" + i, new String(((Reply.Bulk) replies.get(i).get()).value(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void batchesAreCappedAtMaxBatch() {
        HeldSender sender = new HeldSender();
        Batcher batcher = new Batcher(sender, Runnable::run, 1, 3, 0);
        for (int i = 0; i < 8; i++) batcher.submit(cmd("c" + i));
        sender.echo(0);
        assertEquals(3, sender.batches.get(1).size());
    }

    @Test
    void batchesAreCappedAtMaxBatchBytesButALargerSingleCommandStillLeaves() {
        HeldSender sender = new HeldSender();
        Batcher batcher = new Batcher(sender, Runnable::run, 1, 100, 0);
        byte[][] quarter = {new byte[(int) (Batcher.MAX_BATCH_BYTES / 4)]};
        byte[][] oversized = {new byte[(int) Batcher.MAX_BATCH_BYTES + 1]};
        batcher.submit(cmd("first"));
        for (int i = 0; i < 5; i++) batcher.submit(quarter);
        batcher.submit(oversized);
        sender.echo(0);
        assertEquals(4, sender.batches.get(1).size(), "four quarters fill a batch");
        sender.echo(1);
        assertEquals(1, sender.batches.get(2).size(), "the fifth quarter leaves alone: the next command would overflow");
        sender.echo(2);
        assertEquals(1, sender.batches.get(3).size(), "a command larger than a batch leaves alone");
    }

    @Test
    void aFailedBatchFailsEveryCommandInItAndTheNextBatchStillLeaves() {
        HeldSender sender = new HeldSender();
        Batcher batcher = new Batcher(sender, Runnable::run, 1, 100, 0);
        CompletableFuture<Reply> first = batcher.submit(cmd("a"));
        CompletableFuture<Reply> second = batcher.submit(cmd("b"));
        sender.pending.get(0).completeExceptionally(new IllegalStateException("no leader"));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, first::get);
        assertTrue(e.getCause().getMessage().contains("no leader"));
        assertEquals(2, sender.batches.size());
        sender.echo(1);
        assertTrue(second.isDone() && !second.isCompletedExceptionally());
    }

    @Test
    void sendingAndRepliesHappenOnTheProposerNotOnTheCallerOrTheCompletingThread() throws Exception {
        java.util.concurrent.ExecutorService proposer = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "proposer-under-test"));
        try {
            java.util.concurrent.CountDownLatch slowSend = new java.util.concurrent.CountDownLatch(1);
            List<String> sendingThreads = java.util.Collections.synchronizedList(new ArrayList<>());
            HeldSender held = new HeldSender();
            Batcher batcher = new Batcher(commands -> {
                sendingThreads.add(Thread.currentThread().getName());
                try {
                    slowSend.await(); // as a proposal blocks until the local server appended it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return held.send(commands);
            }, proposer, 1, 1, 0);
            CompletableFuture<Reply> first = batcher.submit(cmd("a"));
            CompletableFuture<Reply> second = batcher.submit(cmd("b"));
            assertTrue(!first.isDone(), "submit returned while the send was still blocked");
            slowSend.countDown();
            org.awaitility.Awaitility.await().until(() -> held.batches.size() == 1);
            CompletableFuture<String> completedOn = first.thenApply(r -> Thread.currentThread().getName());
            held.echo(0); // as Ratis' apply thread would
            assertEquals("proposer-under-test", completedOn.get());
            org.awaitility.Awaitility.await().until(() -> held.batches.size() == 2);
            held.echo(1);
            assertEquals("b", new String(((Reply.Bulk) second.get()).value(), StandardCharsets.UTF_8));
            assertEquals(List.of("proposer-under-test", "proposer-under-test"), sendingThreads);
        } finally {
            proposer.shutdownNow();
        }
    }

    @Test
    void aFurtherBatchLeavesWhileOthersAreInFlightOnlyOnceAsLargeAsTheLastOne() {
        HeldSender sender = new HeldSender();
        Batcher batcher = new Batcher(sender, Runnable::run, 2, 100, 0);
        batcher.submit(cmd("x"));
        batcher.submit(cmd("y"));
        assertEquals(2, sender.batches.size(), "one command is as large as the last batch: it overlaps it");
        for (int i = 0; i < 3; i++) batcher.submit(cmd("a" + i));
        assertEquals(2, sender.batches.size(), "two batches in flight: the limit holds");
        sender.echo(0);
        assertEquals(3, sender.batches.get(2).size(), "a slot freed: all that waits leaves together");
        batcher.submit(cmd("b0"));
        batcher.submit(cmd("b1"));
        sender.echo(1);
        assertEquals(3, sender.batches.size(), "two queued are fewer than the three in flight: they wait for more");
        batcher.submit(cmd("b2"));
        assertEquals(4, sender.batches.size(), "three queued: a batch as large as the one in flight overlaps it");
        assertEquals(3, sender.batches.get(3).size());
        sender.echo(2);
        sender.echo(3);
        batcher.submit(cmd("c"));
        assertEquals(1, sender.batches.get(4).size(), "nothing in flight: a single command leaves at once");
    }

    /**
     * The proposer of the tests below: runs what the test thread hands it at once, and keeps
     * what comes from elsewhere (the end of a wait, from the delay timer) for the test to run.
     */
    private static final class TestProposer implements java.util.concurrent.Executor {
        final Thread test = Thread.currentThread();
        final List<Runnable> timers = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void execute(Runnable r) {
            if (Thread.currentThread() == test) r.run();
            else timers.add(r);
        }
    }

    /** a leaves alone, b queues behind it; a is answered: b now waits for a's client. */
    private static Batcher waitingForAnsweredClient(HeldSender sender, TestProposer proposer) {
        Batcher batcher = new Batcher(sender, proposer, 1, 100, Batcher.MAX_LINGER_NANOS);
        batcher.submit(cmd("a"));
        batcher.submit(cmd("b"));
        sender.echo(0);
        assertEquals(1, sender.batches.size(), "b waits for the client a's reply went to");
        return batcher;
    }

    @Test
    void withNothingInFlightABatchWaitsForTheClientsTheLastOneAnswered() {
        HeldSender sender = new HeldSender();
        Batcher batcher = waitingForAnsweredClient(sender, new TestProposer());
        batcher.submit(cmd("a2"));
        assertEquals(2, sender.batches.size(), "that client came back: both leave");
        assertEquals(2, sender.batches.get(1).size());
    }

    @Test
    void aWaitForAnsweredClientsEndsOnItsTimer() {
        HeldSender sender = new HeldSender();
        TestProposer proposer = new TestProposer();
        waitingForAnsweredClient(sender, proposer);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !proposer.timers.isEmpty());
        proposer.timers.remove(0).run();
        assertEquals(2, sender.batches.size(), "the answered client did not come back in time: b leaves alone");
        assertEquals(1, sender.batches.get(1).size());
    }

    @Test
    void aSingleClientIsNeverKeptWaiting() {
        HeldSender sender = new HeldSender();
        Batcher batcher = new Batcher(sender, new TestProposer(), 1, 100, Batcher.MAX_LINGER_NANOS);
        for (int i = 0; i < 3; i++) {
            batcher.submit(cmd("c" + i));
            assertEquals(i + 1, sender.batches.size(), "the one client's next command leaves at once");
            sender.echo(i);
        }
    }
}
