package io.memstone.node;

import io.memstone.raft.LogPayloadMode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One {@link TestCluster} for all tests of a class: {@code @RegisterExtension static final SharedCluster}. */
final class SharedCluster implements BeforeAllCallback, AfterAllCallback {
    private TestCluster cluster;

    TestCluster get() {
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = new TestCluster(LogPayloadMode.ROCKSDB);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) cluster.close();
    }
}
