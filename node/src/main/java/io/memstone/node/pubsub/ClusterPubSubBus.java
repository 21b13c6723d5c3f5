package io.memstone.node.pubsub;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.memstone.engine.Reply;
import io.memstone.gateway.PubSubBus;
import io.memstone.gateway.PubSubQuery;
import io.memstone.node.admin.AdminChannels;
import io.memstone.proto.meta.NodeInfo;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.proto.pubsub.CensusReply;
import io.memstone.proto.pubsub.CensusRequest;
import io.memstone.proto.pubsub.DeliverReply;
import io.memstone.proto.pubsub.DeliverRequest;
import io.memstone.proto.pubsub.PubSubBusGrpc;
import io.memstone.raft.ClusterShape;
import io.memstone.raft.RaftNode;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's {@link PubSubBus} over the other nodes' {@link PubSubBusService}s, on their admin
 * ports: one call per node and message, no retry (at most once, as Redis Cluster's bus), a
 * node that does not answer within {@link #DEADLINE_MS} counts as having no subscribers, and is
 * skipped for {@link #QUIET_MS} so that PUBLISH does not keep waiting on it.
 */
public final class ClusterPubSubBus implements PubSubBus, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPubSubBus.class);
    private static final long DEADLINE_MS = 2_000;
    private static final long QUIET_MS = 5_000;

    private final RaftNode raft;
    private final AdminChannels channels;
    private final QuietPeers quiet = new QuietPeers(QUIET_MS);

    /** @param token the cluster's admin token, which the other nodes' services require */
    public ClusterPubSubBus(RaftNode raft, String token) {
        this.raft = raft;
        this.channels = new AdminChannels(token);
    }

    @Override
    public CompletableFuture<Long> publish(boolean sharded, int slot, byte[] channel, byte[] message) {
        ClusterShape shape = raft.shape();
        if (shape == null) return CompletableFuture.completedFuture(0L);
        DeliverRequest request = DeliverRequest.newBuilder().setChannel(ByteString.copyFrom(channel))
                .setMessage(ByteString.copyFrom(message)).setSharded(sharded).build();
        Stream<NodeInfo> targets = sharded ? membersOf(shape, shape.shardOf(slot)) : shape.nodes().stream();
        List<CompletableFuture<Long>> asked = others(targets)
                .map(n -> this.<DeliverReply>call(n, (stub, r) -> stub.deliver(request, r))
                        .thenApply(DeliverReply::getReceivers).exceptionally(e -> 0L))
                .toList();
        return CompletableFuture.allOf(asked.toArray(CompletableFuture<?>[]::new))
                .thenApply(v -> asked.stream().mapToLong(CompletableFuture::join).sum());
    }

    @Override
    public CompletableFuture<List<PubSubQuery.Answer>> census(PubSubQuery query) {
        ClusterShape shape = raft.shape();
        if (shape == null) return CompletableFuture.completedFuture(List.of());
        CensusRequest request = CensusRequest.newBuilder()
                .setWhat(CensusRequest.What.valueOf(query.what().name())).setSharded(query.sharded())
                .addAllArgs(query.args().stream().map(ByteString::copyFrom).toList()).build();
        List<CompletableFuture<PubSubQuery.Answer>> asked = others(shape.nodes().stream())
                .map(n -> this.<CensusReply>call(n, (stub, r) -> stub.census(request, r))
                        .thenApply(ClusterPubSubBus::answer).exceptionally(e -> null))
                .toList();
        return CompletableFuture.allOf(asked.toArray(CompletableFuture<?>[]::new))
                .thenApply(v -> asked.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList());
    }

    @Override
    public Reply redirect(int slot) {
        ClusterShape shape = raft.shape();
        ShardInfo shard = shape == null ? null : shape.shardOf(slot);
        if (shard == null || shard.getMembersList().contains(raft.selfId())) return null;
        String primary = shard.getLeader().isEmpty() ? shard.getPreferredLeader() : shard.getLeader();
        return shape.node(primary)
                .map(n -> Reply.error("MOVED " + slot + " " + n.getHost() + ":" + n.getRespPort()))
                .orElse(null);
    }

    private Stream<NodeInfo> membersOf(ClusterShape shape, ShardInfo shard) {
        if (shard == null) return Stream.empty();
        return shard.getMembersList().stream().map(shape::node).flatMap(java.util.Optional::stream);
    }

    /** The nodes to call: not this one, nor one skipped after a failure. */
    private Stream<NodeInfo> others(Stream<NodeInfo> nodes) {
        String self = raft.selfId();
        long now = System.currentTimeMillis();
        return nodes.filter(n -> !n.getId().equals(self) && !quiet.skipped(n.getId(), now));
    }

    private <T> CompletableFuture<T> call(NodeInfo node, BiConsumer<PubSubBusGrpc.PubSubBusStub, StreamObserver<T>> rpc) {
        CompletableFuture<T> result = new CompletableFuture<>();
        rpc.accept(PubSubBusGrpc.newStub(channels.channel(node)).withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS),
                new StreamObserver<>() {
                    @Override
                    public void onNext(T value) {
                        if (quiet.answered(node.getId())) LOG.info("pub/sub: node {} answers again", node.getId());
                        result.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        if (quiet.failed(node.getId(), System.currentTimeMillis())) {
                            LOG.warn("pub/sub: node {} did not answer ({}); skipping it for {} ms",
                                    node.getId(), AdminChannels.reason(io.grpc.Status.fromThrowable(t)), QUIET_MS);
                        }
                        result.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        // The value came with onNext.
                    }
                });
        return result;
    }

    private static PubSubQuery.Answer answer(CensusReply r) {
        return new PubSubQuery.Answer(r.getNamesList().stream().map(ByteString::toByteArray).toList(), r.getCountsList());
    }

    @Override
    public void close() {
        channels.close();
    }
}
