package io.memstone.node;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.memstone.proto.admin.AdminServiceGrpc;
import io.memstone.proto.admin.GroupStatus;
import io.memstone.proto.admin.HealthReply;
import io.memstone.proto.admin.HealthRequest;
import io.memstone.raft.RaftNode;
import io.memstone.raft.ShardDigest;
import io.memstone.raft.ShardGroups;
import io.memstone.raft.ShardStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The node's admin gRPC service (issue 6 grows it; today: health and group status). */
final class AdminServer implements AutoCloseable {
    private final Server server;

    AdminServer(NodeConfig.Member self, RaftNode raft) {
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(self.host(), self.adminPort()))
                .addService(new AdminServiceGrpc.AdminServiceImplBase() {
                    @Override
                    public void health(HealthRequest request, StreamObserver<HealthReply> reply) {
                        ShardStatus s = raft.status(ShardGroups.FIRST_SHARD);
                        GroupStatus.Builder group = GroupStatus.newBuilder().setGroupId(s.shard()).setRole(s.role())
                                .setLeaderId(s.leaderId()).setTerm(s.term())
                                .setCommitIndex(s.commitIndex()).setAppliedIndex(s.appliedIndex());
                        if (request.getWithDigest()) {
                            ShardDigest d = raft.digest(ShardGroups.FIRST_SHARD);
                            group.setDigest(d.digest()).setKeys(d.keys());
                        }
                        reply.onNext(HealthReply.newBuilder().setNodeId(self.id()).setZone(self.zone())
                                .addGroups(group).build());
                        reply.onCompleted();
                    }
                })
                .build();
    }

    void start() throws IOException {
        server.start();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
