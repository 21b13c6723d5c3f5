package io.memstone.node;

import io.memstone.gateway.Parameters;
import io.memstone.raft.ClusterParameters;
import io.memstone.raft.RaftNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * CONFIG GET/SET over the meta group's replicated parameter group: reads see what this node's
 * meta replica has applied, a change is proposed to the meta group and answered once this node
 * has applied it, and listeners run on every applied change, whoever made it (a CONFIG SET on
 * any node, the admin service's SetParameters).
 */
final class ReplicatedParameters implements Parameters, AutoCloseable {
    private final RaftNode raft;
    private final MetaProposer proposer = new MetaProposer("config-set");

    ReplicatedParameters(RaftNode raft) {
        this.raft = raft;
    }

    @Override
    public String get(String name) {
        String value = raft.parameters().get(name);
        if (value == null) throw new IllegalArgumentException("no replicated parameter " + name);
        return value;
    }

    /** Fails with the reason the meta group refused the change, or that it did not apply it in time. */
    @Override
    public CompletableFuture<Long> set(Map<String, String> values) {
        return proposer.propose(() -> raft.setParameters(values)).thenApply(ClusterParameters::version);
    }

    @Override
    public void addListener(Runnable listener) {
        raft.onParameters(applied -> listener.run());
    }

    @Override
    public void close() {
        proposer.close();
    }
}
