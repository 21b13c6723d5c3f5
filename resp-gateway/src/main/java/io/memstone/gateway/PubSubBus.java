package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How a gateway reaches the subscribers on other nodes, like Redis Cluster's bus: messages go
 * node to node at most once, never through the Raft log. The node implements it over gRPC; a
 * lone gateway has no other nodes ({@link #LOCAL}).
 */
public interface PubSubBus {

    /**
     * Delivers a message to the other nodes' subscribers: of a classic channel on every node, of
     * a shard channel on the nodes serving {@code slot}'s shard. Completes, never exceptionally,
     * with how many received it there; a node that does not answer in time counts 0.
     */
    CompletableFuture<Long> publish(boolean sharded, int slot, byte[] channel, byte[] message);

    /** The other nodes' answers to a PUBSUB question (the unreachable ones left out). */
    CompletableFuture<List<PubSubQuery.Answer>> census(PubSubQuery query);

    /**
     * Null when this node serves {@code slot}'s shard, else the {@code MOVED} error Redis
     * Cluster answers SSUBSCRIBE with elsewhere (a shard channel's messages reach only the
     * nodes of its shard).
     */
    Reply redirect(int slot);

    PubSubBus LOCAL = new PubSubBus() {
        @Override
        public CompletableFuture<Long> publish(boolean sharded, int slot, byte[] channel, byte[] message) {
            return CompletableFuture.completedFuture(0L);
        }

        @Override
        public CompletableFuture<List<PubSubQuery.Answer>> census(PubSubQuery query) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public Reply redirect(int slot) {
            return null;
        }
    };
}
