package io.memstone.node.admin;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.memstone.proto.meta.NodeInfo;
import io.memstone.gateway.AclStore;
import io.memstone.raft.RaftNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The node's admin gRPC server: {@link AdminService}, and the services nodes call on one another
 * (the Pub/Sub bus), all behind the token check.
 */
public final class AdminServer implements AutoCloseable {
    private final Server server;
    private final AdminChannels channels;

    /**
     * @param token    the cluster's admin token; null refuses every call
     * @param internal services other nodes call, served beside the admin service
     */
    public AdminServer(NodeInfo self, RaftNode raft, String token, AclStore users, BindableService... internal) {
        this.channels = new AdminChannels(token);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(self.getHost(), self.getAdminPort()))
                .maxInboundMessageSize(AdminChannels.MAX_MESSAGE_BYTES)
                .addService(ServerInterceptors.intercept(new AdminService(self, raft, channels, users), AdminAuth.server(token)));
        for (BindableService s : internal) builder.addService(ServerInterceptors.intercept(s, AdminAuth.server(token)));
        this.server = builder.build();
    }

    public void start() throws IOException {
        server.start();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        channels.close();
    }
}
