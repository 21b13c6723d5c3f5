package io.memstone.node.admin;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.memstone.proto.admin.AdminServiceGrpc;
import io.memstone.proto.meta.NodeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Connections to admin services (one channel per address, kept open), each call carrying the token. */
public final class AdminChannels implements AutoCloseable {
    /**
     * gRPC's default of 4 MB is too small for what nodes pass on: a PUBLISH may carry a
     * channel and a message of up to 512 MB each, as Redis' proto-max-bulk-len allows.
     */
    public static final int MAX_MESSAGE_BYTES = Integer.MAX_VALUE;
    private final List<ClientInterceptor> auth = new ArrayList<>();
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    /** @param token the cluster's admin token, or null to call without one (calls are then refused) */
    public AdminChannels(String token) {
        if (token != null) auth.add(AdminAuth.bearer(token));
    }

    public AdminServiceGrpc.AdminServiceBlockingStub blocking(String host, int port) {
        return AdminServiceGrpc.newBlockingStub(channel(host, port));
    }

    public AdminServiceGrpc.AdminServiceBlockingStub blocking(NodeInfo node) {
        return blocking(node.getHost(), node.getAdminPort());
    }

    AdminServiceGrpc.AdminServiceFutureStub future(NodeInfo node) {
        return AdminServiceGrpc.newFutureStub(channel(node.getHost(), node.getAdminPort()));
    }

    /** The channel to a node's admin port, for the other services it serves (the Pub/Sub bus). */
    public ManagedChannel channel(NodeInfo node) {
        return channel(node.getHost(), node.getAdminPort());
    }

    private ManagedChannel channel(String host, int port) {
        return channels.computeIfAbsent(host + ":" + port, a -> NettyChannelBuilder.forAddress(host, port)
                .usePlaintext().maxInboundMessageSize(MAX_MESSAGE_BYTES).intercept(auth).build());
    }

    /** Why a call failed, in a few words: the innermost cause (e.g. Connection refused), else the description. */
    public static String reason(Status s) {
        Throwable t = s.getCause();
        if (t != null) {
            while (t.getCause() != null) t = t.getCause();
            if (t.getMessage() != null) return t.getMessage();
        }
        return s.getDescription() != null ? s.getDescription() : s.getCode().name();
    }

    @Override
    public void close() {
        for (ManagedChannel c : channels.values()) c.shutdownNow();
        for (ManagedChannel c : channels.values()) {
            try {
                c.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
