package io.memstone.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A redis-server and a connection to it for one test class:
 * {@code @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();}
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {
    private RedisServerProcess server;
    private RawRespClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServerProcess.start();
        client = server.connect();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) client.close();
        if (server != null) server.close();
    }

    /** The server's port, for clients of the test's own choosing (Jedis). */
    public int port() {
        return server.port();
    }

    public RawRespClient client() {
        return client;
    }

    /** Another connection, for tests with several clients; the caller closes it. */
    public RawRespClient connect() {
        return server.connect();
    }

    public byte[] call(byte[]... argv) {
        return client.call(argv);
    }

    public String callString(String... argv) {
        return client.callString(argv);
    }
}
