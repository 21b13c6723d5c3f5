package io.memstone.node;

import io.memstone.engine.Reply;
import io.memstone.gateway.CommandExecutor;
import io.memstone.raft.RaftNode;
import io.memstone.raft.ShardClient;
import io.memstone.raft.ShardGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's executor on a node: a command goes to the shard that owns its slot, as a
 * batched log entry (write) or a batched ReadIndex query (read). One shard holds all 16384
 * slots for now; the slot map is where more shards plug in.
 */
final class RaftCommandExecutor implements CommandExecutor {
    private final RaftNode raft;

    RaftCommandExecutor(RaftNode raft) {
        this.raft = raft;
    }

    @Override
    public CompletableFuture<Reply> execute(int slot, byte[][] argv, boolean write) {
        return submit(shardFor(slot), argv, write);
    }

    @Override
    public CompletableFuture<List<Reply>> executeOnAllShards(byte[][] argv, boolean write) {
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (String shard : List.of(ShardGroups.FIRST_SHARD)) replies.add(submit(raft.shard(shard), argv, write));
        return CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> replies.stream().map(CompletableFuture::join).toList());
    }

    private ShardClient shardFor(int slot) {
        return raft.shard(ShardGroups.FIRST_SHARD);
    }

    private static CompletableFuture<Reply> submit(ShardClient shard, byte[][] argv, boolean write) {
        return write ? shard.write(argv) : shard.read(argv);
    }
}
