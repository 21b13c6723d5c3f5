package io.memstone.gateway;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A gateway on an ephemeral loopback port over a fresh in-process engine, for one test class:
 * {@code @RegisterExtension static final TestGateway gateway = new TestGateway();}
 */
final class TestGateway implements BeforeAllCallback, AfterAllCallback {
    private final int shards;
    private EngineExecutor engine;
    private RespServer server;

    TestGateway() {
        this(1);
    }

    /** Over {@code shards} engines with equal slot ranges. */
    TestGateway(int shards) {
        this.shards = shards;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        engine = new EngineExecutor(shards);
        server = new RespServer("127.0.0.1", 0, engine, engine, GatewayServices.standalone(engine));
        server.start();
    }

    EngineExecutor engine() {
        return engine;
    }

    int port() {
        return server.boundPort();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
        engine.close();
    }
}
