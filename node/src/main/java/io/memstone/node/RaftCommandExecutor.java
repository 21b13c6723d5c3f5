package io.memstone.node;

import io.memstone.engine.Reply;
import io.memstone.engine.SlotGuard;
import io.memstone.gateway.CommandExecutor;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.raft.ClusterShape;
import io.memstone.raft.RaftNode;
import io.memstone.raft.ShardClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's executor on a node: a command goes to the shard that owns its slot in the
 * meta group's slot map, as a batched log entry (write) or a batched ReadIndex query (read).
 *
 * <p>A shard refuses commands on slots it is handing to another shard ({@link SlotGuard}); such
 * a command changed nothing, so it is sent again, to whichever shard the map names by then,
 * until the move has switched. Pipelined commands of one connection on a moving slot may then
 * take effect out of order: the pause is short, and the order of commands on other slots holds.
 */
final class RaftCommandExecutor implements CommandExecutor {
    private static final String NOT_SERVED = "CLUSTERDOWN Hash slot not served";
    private static final String NOT_BOOTSTRAPPED = "CLUSTERDOWN The cluster is not bootstrapped yet";
    private static final long MOVE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Executor RETRY_DELAY = CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS);

    private final RaftNode raft;

    RaftCommandExecutor(RaftNode raft) {
        this.raft = raft;
    }

    @Override
    public CompletableFuture<Reply> execute(int slot, byte[][] argv, boolean write) {
        return untilServed(() -> {
            ShardInfo shard = shardOf(slot);
            return shard == null ? notServed() : submit(raft.shard(shard.getName()), argv, write);
        }, System.nanoTime() + MOVE_WAIT_NANOS);
    }

    @Override
    public CompletableFuture<Reply> executeOnReplica(int slot, byte[][] argv) {
        return untilServed(() -> {
            ShardInfo shard = shardOf(slot);
            if (shard == null) return notServed();
            CompletableFuture<Reply> local = raft.readLocal(shard.getName(), argv);
            return local != null ? local : raft.shard(shard.getName()).read(argv);
        }, System.nanoTime() + MOVE_WAIT_NANOS);
    }

    /** Tries again while the slot is refused for a move, until the deadline. */
    private static CompletableFuture<Reply> untilServed(Supplier<CompletableFuture<Reply>> attempt, long deadlineNanos) {
        return attempt.get().thenCompose(reply -> {
            boolean moving = reply instanceof Reply.Error e && e.text().startsWith(SlotGuard.MOVING);
            if (!moving || System.nanoTime() > deadlineNanos) return CompletableFuture.completedFuture(reply);
            return CompletableFuture.runAsync(() -> { }, RETRY_DELAY).thenCompose(v -> untilServed(attempt, deadlineNanos));
        });
    }

    @Override
    public int shardCount() {
        ClusterShape shape = raft.shape();
        return shape == null ? 0 : shape.shards().size();
    }

    @Override
    public CompletableFuture<Reply> executeOnShard(int shard, byte[][] argv, boolean write) {
        ClusterShape shape = raft.shape();
        if (shape == null) return CompletableFuture.failedFuture(new IllegalStateException(NOT_BOOTSTRAPPED));
        return submit(raft.shard(shape.shards().get(shard).getName()), argv, write);
    }

    private ShardInfo shardOf(int slot) {
        ClusterShape shape = raft.shape();
        return shape == null ? null : shape.shardOf(slot);
    }

    private CompletableFuture<Reply> notServed() {
        return CompletableFuture.failedFuture(new IllegalStateException(raft.shape() == null ? NOT_BOOTSTRAPPED : NOT_SERVED));
    }

    private static CompletableFuture<Reply> submit(ShardClient shard, byte[][] argv, boolean write) {
        return write ? shard.write(argv) : shard.read(argv);
    }
}
