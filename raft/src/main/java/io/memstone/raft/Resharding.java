package io.memstone.raft;

import io.memstone.proto.meta.MetaCommand;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.proto.meta.SlotMove;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resharding requests, as the admin service makes them: each proposes slot moves (and shard
 * changes) to the meta group and completes when the moves have ended. The moves themselves are
 * carried out by whichever node leads the meta group ({@link SlotMover}).
 */
public final class Resharding implements AutoCloseable {
    private final RaftNode node;
    /** Waits out requests, which take as long as their moves. */
    private final ExecutorService requests = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "reshard-request");
        t.setDaemon(true);
        return t;
    });

    Resharding(RaftNode node) {
        this.node = node;
    }

    /**
     * Moves slot ranges (all served by one shard) to shard {@code to}, while clients keep
     * going; completes once the move has ended, with the shard the slots came from.
     */
    public CompletableFuture<String> moveSlots(List<int[]> ranges, String to) {
        return CompletableFuture.supplyAsync(() -> {
            ShardInfo from = node.requireShape().shardOf(ranges.get(0)[0]);
            String source = from == null ? "" : from.getName();
            List<Integer> slots = new ArrayList<>();
            for (int[] r : ranges) {
                for (int slot = r[0]; slot <= r[1]; slot++) slots.add(slot);
            }
            runMoves(List.of(Rebalancing.move(source, to, slots)));
            return source;
        }, requests);
    }

    /** Adds a shard on the least loaded nodes and gives it an equal share of the slots; completes with its name. */
    public CompletableFuture<String> addShard() {
        return CompletableFuture.supplyAsync(() -> {
            ShardInfo shard = Rebalancing.newShard(node.requireShape());
            await(node.proposeMeta(MetaCommand.newBuilder().setAddShard(shard).build()));
            runMoves(Rebalancing.fill(node.requireShape(), shard.getName()));
            return shard.getName();
        }, requests);
    }

    /** Moves a shard's slots to the others, then deletes its group. */
    public CompletableFuture<Void> removeShard(String name) {
        return CompletableFuture.runAsync(() -> {
            runMoves(Rebalancing.drain(node.requireShape(), name));
            await(node.proposeMeta(MetaCommand.newBuilder().setRemoveShard(name).build()));
        }, requests);
    }

    /** Begins the moves and waits until the meta group lists none of them. */
    private void runMoves(List<SlotMove> moves) {
        for (SlotMove m : moves) await(node.proposeMeta(MetaCommand.newBuilder().setBeginMove(m).build()));
        try {
            node.shapeWhere(shape -> moves.stream().allMatch(m -> shape.move(m.getId()).isEmpty())).get(30, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("slot moves did not finish: " + e);
        }
    }

    /** A refused change ("ERR why") becomes an {@link IllegalArgumentException} saying why. */
    private static void await(CompletableFuture<String> outcome) {
        String result = outcome.join();
        if (!result.startsWith("OK")) throw new IllegalArgumentException(result.startsWith("ERR ") ? result.substring(4) : result);
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }
}
