package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the gateway sends the commands it does not answer itself. The node implements it over
 * its Raft shard groups; tests implement it over an in-process engine.
 *
 * <p>A future that completes exceptionally becomes an error reply for the client: an exception
 * message that starts with a Redis error code ({@code TRYAGAIN ...}, {@code CLUSTERDOWN ...},
 * {@code MOVED ...}) is sent as it is, any other message gets the {@code ERR} code.
 *
 * <p>Ordering contract: the gateway starts a connection's consecutive writes (and consecutive
 * reads) without waiting for one another, calling {@link #execute} from one thread in request
 * order. Writes for the same shard must take effect in the order of those calls (a FIFO
 * proposer queue does this), so that {@code SET k 1; SET k 2} pipelined leaves {@code 2}.
 * A read is only started after the connection's earlier writes completed, and vice versa.
 */
public interface CommandExecutor {

    /**
     * Runs a command on the shard owning {@code slot}; {@code write=true} goes through the Raft
     * log, {@code false} is a linearizable read.
     *
     * @param slot  hash slot (0..16383) of the command's keys
     * @param argv  the command exactly as the client sent it; not modified by the gateway later
     * @param write whether the command goes through the log (its spec has the WRITE or MAY_REPLICATE flag)
     */
    CompletableFuture<Reply> execute(int slot, byte[][] argv, boolean write);

    /**
     * After READONLY: a read answered by this node's replica of the slot's shard without a
     * Raft round trip (possibly stale, like a Redis replica); as {@link #execute} when this
     * node holds no replica of it.
     */
    CompletableFuture<Reply> executeOnReplica(int slot, byte[][] argv);

    /** Shards in the cluster now; at least 1 once it serves. */
    int shardCount();

    /** Runs a keyless command on shard {@code shard} (0 up to {@link #shardCount()}). */
    CompletableFuture<Reply> executeOnShard(int shard, byte[][] argv, boolean write);

    /**
     * Runs a keyless command (DBSIZE, FLUSHALL, FLUSHDB, KEYS, internal {@code __keyspace}) on
     * every shard; one reply per shard, in shard order.
     */
    default CompletableFuture<List<Reply>> executeOnAllShards(byte[][] argv, boolean write) {
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < shardCount(); i++) replies.add(executeOnShard(i, argv, write));
        return CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> replies.stream().map(CompletableFuture::join).toList());
    }
}
