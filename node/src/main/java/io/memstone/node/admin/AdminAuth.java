package io.memstone.node.admin;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin calls carry the cluster's token as {@code authorization: Bearer <token>}: the server
 * side refuses a call without it (UNAUTHENTICATED) before it reaches the service, the client
 * side adds it to every call.
 */
public final class AdminAuth {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuth.class);
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private AdminAuth() {}

    /** Checks each call's token against {@code token}; with no token configured, refuses every call. */
    static ServerInterceptor server(String token) {
        byte[] expected = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        return new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
                String refusal = refusal(expected, headers.get(AUTHORIZATION));
                if (refusal == null) return next.startCall(call, headers);
                LOG.warn("admin call {} refused: {}", call.getMethodDescriptor().getBareMethodName(), refusal);
                call.close(Status.UNAUTHENTICATED.withDescription(refusal), new Metadata());
                return new ServerCall.Listener<>() { };
            }
        };
    }

    private static String refusal(byte[] expected, String header) {
        if (expected == null) return "admin access is disabled on this node: its config sets no admin.token or admin.token-file";
        if (header == null || !header.startsWith(BEARER)) return "no admin token (authorization: Bearer <token>)";
        byte[] given = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given) ? null : "wrong admin token";
    }

    /** Sends {@code token} with every call of a channel. */
    public static ClientInterceptor bearer(String token) {
        Metadata m = new Metadata();
        m.put(AUTHORIZATION, BEARER + token);
        return MetadataUtils.newAttachHeadersInterceptor(m);
    }
}
