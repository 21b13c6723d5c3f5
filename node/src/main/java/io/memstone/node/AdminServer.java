package io.memstone.node;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.grpc.Status;
import io.memstone.proto.admin.AddShardReply;
import io.memstone.proto.admin.AddShardRequest;
import io.memstone.proto.admin.AdminServiceGrpc;
import io.memstone.proto.admin.MoveSlotsReply;
import io.memstone.proto.admin.MoveSlotsRequest;
import io.memstone.proto.admin.RemoveShardReply;
import io.memstone.proto.admin.RemoveShardRequest;
import io.memstone.proto.admin.GroupStatus;
import io.memstone.proto.admin.HealthReply;
import io.memstone.proto.admin.HealthRequest;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.raft.ClusterShape;
import io.memstone.raft.RaftNode;
import io.memstone.raft.ShardDigest;
import io.memstone.raft.ShardGroups;
import io.memstone.raft.ShardStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** The node's admin gRPC service (issue 6 grows it; today: health and group status). */
final class AdminServer implements AutoCloseable {
    private final Server server;

    AdminServer(NodeConfig.Member self, RaftNode raft) {
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(self.host(), self.adminPort()))
                .addService(new AdminServiceGrpc.AdminServiceImplBase() {
                    /** The shard groups this node holds a replica of, in shard order, then the meta group. */
                    @Override
                    public void health(HealthRequest request, StreamObserver<HealthReply> reply) {
                        HealthReply.Builder health = HealthReply.newBuilder().setNodeId(self.id()).setZone(self.zone());
                        ClusterShape shape = raft.shape();
                        if (shape != null) {
                            for (ShardInfo shard : shape.shardsOn(self.id())) {
                                health.addGroups(status(shard.getName(), request.getWithDigest()));
                            }
                        }
                        health.addGroups(status(ShardGroups.META, false));
                        reply.onNext(health.build());
                        reply.onCompleted();
                    }

                    @Override
                    public void moveSlots(MoveSlotsRequest request, StreamObserver<MoveSlotsReply> reply) {
                        List<int[]> ranges = request.getRangesList().stream().map(r -> new int[] {r.getFirst(), r.getLast()}).toList();
                        if (ranges.isEmpty()) {
                            reply.onError(Status.INVALID_ARGUMENT.withDescription("no slot ranges").asRuntimeException());
                            return;
                        }
                        answer(raft.resharding().moveSlots(ranges, request.getToShard()),
                                from -> MoveSlotsReply.newBuilder().setFromShard(from).build(), reply);
                    }

                    @Override
                    public void addShard(AddShardRequest request, StreamObserver<AddShardReply> reply) {
                        answer(raft.resharding().addShard(), name -> AddShardReply.newBuilder().setShard(name).build(), reply);
                    }

                    @Override
                    public void removeShard(RemoveShardRequest request, StreamObserver<RemoveShardReply> reply) {
                        answer(raft.resharding().removeShard(request.getShard()), done -> RemoveShardReply.getDefaultInstance(), reply);
                    }

                    private GroupStatus status(String name, boolean withDigest) {
                        ShardStatus s = raft.status(name);
                        GroupStatus.Builder group = GroupStatus.newBuilder().setGroupId(s.shard()).setRole(s.role())
                                .setLeaderId(s.leaderId()).setTerm(s.term())
                                .setCommitIndex(s.commitIndex()).setAppliedIndex(s.appliedIndex());
                        if (withDigest) {
                            ShardDigest d = raft.digest(name);
                            group.setDigest(d.digest()).setKeys(d.keys());
                        }
                        return group.build();
                    }
                })
                .build();
    }

    /** Completes a call with the operation's result; a refused operation is FAILED_PRECONDITION with its reason. */
    private static <T, R> void answer(CompletableFuture<T> operation, Function<T, R> toReply, StreamObserver<R> reply) {
        operation.whenComplete((result, error) -> {
            if (error == null) {
                reply.onNext(toReply.apply(result));
                reply.onCompleted();
            } else {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                Status status = cause instanceof IllegalArgumentException ? Status.FAILED_PRECONDITION : Status.UNAVAILABLE;
                reply.onError(status.withDescription(cause.getMessage()).asRuntimeException());
            }
        });
    }

    void start() throws IOException {
        server.start();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
