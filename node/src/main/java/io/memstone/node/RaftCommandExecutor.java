package io.memstone.node;

import io.memstone.engine.Reply;
import io.memstone.gateway.CommandExecutor;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.raft.ClusterShape;
import io.memstone.raft.RaftNode;
import io.memstone.raft.ShardClient;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's executor on a node: a command goes to the shard that owns its slot in the
 * meta group's slot map, as a batched log entry (write) or a batched ReadIndex query (read).
 */
final class RaftCommandExecutor implements CommandExecutor {
    private static final String NOT_SERVED = "CLUSTERDOWN Hash slot not served";
    private static final String NOT_BOOTSTRAPPED = "CLUSTERDOWN The cluster is not bootstrapped yet";

    private final RaftNode raft;

    RaftCommandExecutor(RaftNode raft) {
        this.raft = raft;
    }

    @Override
    public CompletableFuture<Reply> execute(int slot, byte[][] argv, boolean write) {
        ShardInfo shard = shardOf(slot);
        return shard == null ? notServed() : submit(raft.shard(shard.getName()), argv, write);
    }

    @Override
    public CompletableFuture<Reply> executeOnReplica(int slot, byte[][] argv) {
        ShardInfo shard = shardOf(slot);
        if (shard == null) return notServed();
        CompletableFuture<Reply> local = raft.readLocal(shard.getName(), argv);
        return local != null ? local : raft.shard(shard.getName()).read(argv);
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
