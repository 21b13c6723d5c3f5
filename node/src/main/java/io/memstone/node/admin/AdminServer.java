package io.memstone.node.admin;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.memstone.proto.meta.NodeInfo;
import io.memstone.raft.RaftNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The node's admin gRPC server: {@link AdminService} behind the token check. */
public final class AdminServer implements AutoCloseable {
    private final Server server;
    private final AdminChannels channels;

    /** @param token the cluster's admin token; null refuses every call */
    public AdminServer(NodeInfo self, RaftNode raft, String token) {
        this.channels = new AdminChannels(token);
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(self.getHost(), self.getAdminPort()))
                .addService(ServerInterceptors.intercept(new AdminService(self, raft, channels), AdminAuth.server(token)))
                .build();
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
