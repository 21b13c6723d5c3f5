package io.memstone.raft;

import io.memstone.proto.meta.MetaCommand;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.proto.meta.SlotMove;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Resharding requests, as the admin service makes them: each proposes slot moves (and shard
 * changes) to the meta group and returns when the moves have ended, telling {@code progress}
 * of each move's steps ({@link MoveProgress}). The moves themselves are carried out by
 * whichever node leads the meta group ({@link SlotMover}); a request may come to any node.
 *
 * <p>Failures: {@link IllegalArgumentException} for a request the meta group refuses (an
 * unknown shard, slots of two shards), {@link IllegalStateException} when the moves did not end.
 */
public final class Resharding {
    private final RaftNode node;

    Resharding(RaftNode node) {
        this.node = node;
    }

    /** Moves slot ranges (all served by one shard) to shard {@code to}, while clients keep going. */
    public void moveSlots(List<int[]> ranges, String to, MembershipChanges.Progress progress) throws InterruptedException {
        ShardInfo from = node.requireShape().shardOf(ranges.get(0)[0]);
        List<Integer> slots = new ArrayList<>();
        for (int[] r : ranges) {
            for (int slot = r[0]; slot <= r[1]; slot++) slots.add(slot);
        }
        runMoves(List.of(Rebalancing.move(from == null ? "" : from.getName(), to, slots)), progress);
    }

    /** Adds a shard on the least loaded nodes and gives it an equal share of the slots; returns its name. */
    public String addShard(MembershipChanges.Progress progress) throws InterruptedException {
        ShardInfo shard = Rebalancing.newShard(node.requireShape());
        await(node.proposeMeta(MetaCommand.newBuilder().setAddShard(shard).build()));
        progress.step(0, 0, "added " + shard.getName() + " on " + String.join(", ", shard.getMembersList()));
        runMoves(Rebalancing.fill(node.requireShape(), shard.getName()), progress);
        progress.step(1, 1, shard.getName() + " serves " + node.requireShape().slotCount(shard.getName()) + " slots");
        return shard.getName();
    }

    /** Moves a shard's slots to the others, then deletes its group. */
    public void removeShard(String name, MembershipChanges.Progress progress) throws InterruptedException {
        ClusterShape shape = node.requireShape();
        if (shape.shard(name).isEmpty()) throw new IllegalArgumentException("no shard " + name + " in the cluster");
        runMoves(Rebalancing.drain(shape, name), progress);
        await(node.proposeMeta(MetaCommand.newBuilder().setRemoveShard(name).build()));
        progress.step(1, 1, name + " removed: its slots are served by the other shards");
    }

    /** Begins the moves and follows them until the meta group lists none of them. */
    private void runMoves(List<SlotMove> moves, MembershipChanges.Progress progress) throws InterruptedException {
        for (SlotMove m : moves) await(node.proposeMeta(MetaCommand.newBuilder().setBeginMove(m).build()));
        new MoveProgress(node, progress).follow(moves);
    }

    /** A refused change ("ERR why") becomes an {@link IllegalArgumentException} saying why. */
    private static void await(CompletableFuture<String> outcome) {
        String result;
        try {
            result = outcome.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (!result.startsWith("OK")) throw new IllegalArgumentException(result.startsWith("ERR ") ? result.substring(4) : result);
    }
}
