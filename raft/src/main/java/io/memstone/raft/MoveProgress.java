package io.memstone.raft;

import io.memstone.engine.Reply;
import io.memstone.proto.meta.SlotMove;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Follows slot moves until they end, on whichever node serves the request (the moves are
 * driven by the meta group's leader, see {@link SlotMover}), and reports each one's steps from
 * what any node can see: the applied shape (the move listed, switched, ended), the source's
 * closed slots, and how many keys of the moving slots the source and the target hold.
 * The target's count over the source's is the copy's progress.
 */
final class MoveProgress {
    /** How often the key counts are taken; a change of the shape is seen at once. */
    private static final long POLL_MS = 500;
    private static final long MOVE_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(30);

    private final RaftNode node;
    private final MembershipChanges.Progress progress;

    MoveProgress(RaftNode node, MembershipChanges.Progress progress) {
        this.node = node;
        this.progress = progress;
    }

    /** Returns once the meta group lists none of {@code moves}; the mover runs them one after another, in this order. */
    void follow(List<SlotMove> moves) throws InterruptedException {
        for (int i = 0; i < moves.size(); i++) {
            SlotMove m = moves.get(i);
            String label = (moves.size() > 1 ? "move " + (i + 1) + "/" + moves.size() + " " : "")
                    + m.getFrom() + " -> " + m.getTo() + " (slots " + ranges(m) + "): ";
            follow(m, label);
        }
    }

    private void follow(SlotMove move, String label) throws InterruptedException {
        long deadline = System.currentTimeMillis() + MOVE_TIMEOUT_MS;
        Step last = new Step(0, 0, "");
        while (true) {
            SlotMove now = node.requireShape().move(move.getId()).orElse(null);
            if (now == null) break;
            Step step = now.getSwitched() ? new Step(last.total(), last.total(),
                    "switched, " + move.getTo() + " serves the slots; dropping the copies on " + move.getFrom())
                    : beforeSwitch(move, last);
            if (!step.what().equals(last.what())) progress.step(step.done(), step.total(), label + step.what());
            last = step;
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the move of slots " + ranges(move) + " did not end within "
                        + MOVE_TIMEOUT_MS / 60_000 + " minutes; the meta group's leader carries on with it");
            }
            awaitChange(now);
        }
        int held = targetCount(move, last.total());
        progress.step(held, held, label + "done, " + move.getTo() + " holds the " + held + " keys of these slots");
    }

    /** The target's keys in the move's slots (the copied ones, and those written since the switch), if it answers. */
    private int targetCount(SlotMove move, int otherwise) throws InterruptedException {
        try {
            return count(move.getTo(), move);
        } catch (ExecutionException | TimeoutException | ShardUnavailableException e) {
            return otherwise;
        }
    }

    private record Step(int done, int total, String what) {}

    /** Closing, or copying N of M keys; the last step again while a shard does not answer (an election). */
    private Step beforeSwitch(SlotMove move, Step last) throws InterruptedException {
        try {
            // Once the slots are closed they take no writes: the source's count is what there is to copy.
            boolean closed = closed(move);
            int keys = count(move.getFrom(), move);
            if (!closed) return new Step(0, keys, "closing the slots on " + move.getFrom());
            int copied = Math.min(count(move.getTo(), move), keys);
            return new Step(copied, keys, "copying keys to " + move.getTo() + ", " + copied + " of " + keys);
        } catch (ExecutionException | TimeoutException | ShardUnavailableException e) {
            return last;
        }
    }

    /** Until the move switches or ends, or for a poll's time. */
    private void awaitChange(SlotMove seen) throws InterruptedException {
        CompletableFuture<Void> changed = node.shapeWhere(shape -> shape.move(seen.getId())
                .map(m -> m.getSwitched() != seen.getSwitched()).orElse(true));
        try {
            changed.get(POLL_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            changed.cancel(false); // so that the meta state machine drops the watch
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Whether the source refuses commands on the move's slots (its first slot stands for all: they close together). */
    private boolean closed(SlotMove move) throws InterruptedException, ExecutionException, TimeoutException {
        int slot = move.getRanges(0).getFirst();
        List<Reply> bounds = ((Reply.Array) read(move.getFrom(), "__closedslots", List.of())).items();
        for (int i = 0; i + 1 < bounds.size(); i += 2) {
            if (((Reply.Int) bounds.get(i)).value() <= slot && slot <= ((Reply.Int) bounds.get(i + 1)).value()) return true;
        }
        return false;
    }

    private int count(String shard, SlotMove move) throws InterruptedException, ExecutionException, TimeoutException {
        return (int) Math.min(Integer.MAX_VALUE, ((Reply.Int) read(shard, "__countkeysinslots", SlotMover.rangeArgs(move))).value());
    }

    private Reply read(String shard, String command, List<byte[]> args) throws InterruptedException, ExecutionException, TimeoutException {
        List<byte[]> argv = new ArrayList<>(List.of(command.getBytes(StandardCharsets.UTF_8)));
        argv.addAll(args);
        Reply r = node.shard(shard).read(argv.toArray(new byte[0][])).get(SlotMover.STEP_TIMEOUT_S, TimeUnit.SECONDS);
        if (r instanceof Reply.Error e) throw new ExecutionException(new IllegalStateException(shard + ": " + e.text()));
        return r;
    }

    static String ranges(SlotMove m) {
        return m.getRangesList().stream().map(r -> r.getFirst() == r.getLast() ? Integer.toString(r.getFirst())
                : r.getFirst() + "-" + r.getLast()).collect(Collectors.joining(","));
    }
}
