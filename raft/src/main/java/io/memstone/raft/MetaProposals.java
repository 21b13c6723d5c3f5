package io.memstone.raft;

import io.memstone.proto.meta.MetaCommand;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * This node's way to change the cluster's metadata: proposals to the meta group, whose outcome
 * is known once this node's own meta replica has applied them.
 */
final class MetaProposals implements Closeable {
    private final RenewingClient client;
    /** This node's meta replica (a new one after the node rejoined the meta group). */
    private final Supplier<MetaStateMachine> replica;

    MetaProposals(RenewingClient client, Supplier<MetaStateMachine> replica) {
        this.client = client;
        this.replica = replica;
    }

    /** Sends a command without waiting for this replica (the bootstrap, which any node may win). */
    CompletableFuture<?> send(MetaCommand command) {
        return client.send(message(command));
    }

    /**
     * Proposes a change; completes with its outcome ("OK" or "ERR ...") once this node's replica
     * has applied it too, so that the node's shape shows it.
     */
    CompletableFuture<String> propose(MetaCommand command) {
        return propose(command, outcome -> outcome.equals("OK"));
    }

    /** Proposes a change; waits for this replica to apply it when {@code changed} says the outcome changed something. */
    private CompletableFuture<String> propose(MetaCommand command, java.util.function.Predicate<String> changed) {
        return client.send(message(command)).thenCompose(reply -> {
            if (!reply.isSuccess()) throw new ShardUnavailableException(ShardGroups.META, reply.getException());
            String outcome = reply.getMessage().getContent().toStringUtf8();
            // A refused change is not waited for: it changed nothing.
            if (!changed.test(outcome)) return CompletableFuture.completedFuture(outcome);
            return replica.get().when(shape -> applied() >= reply.getLogIndex()).thenApply(v -> outcome);
        });
    }

    /**
     * Proposes a change of the ACL users; completes with its outcome ({@code OK}, {@code OK n}
     * or {@code ERR reason}) once this node's replica has applied it (its listeners have run).
     */
    CompletableFuture<String> changeUsers(MetaCommand command) {
        return propose(command, outcome -> !outcome.startsWith("ERR"));
    }

    /**
     * Proposes a change of the replicated parameters; completes once this node's replica has
     * applied it (its listeners have run), or fails with an {@link IllegalArgumentException}
     * saying why the change is refused (checked here first, then by every replica alike).
     */
    CompletableFuture<ClusterParameters> setParameters(Map<String, String> changes) {
        try {
            replica.get().parameters().with(changes);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        MetaCommand set = MetaCommand.newBuilder()
                .setSetParameters(io.memstone.proto.meta.Parameters.newBuilder().putAllValues(changes)).build();
        return propose(set).thenApply(outcome -> {
            if (!outcome.equals("OK")) throw new IllegalArgumentException(outcome.startsWith("ERR ") ? outcome.substring(4) : outcome);
            return replica.get().parameters();
        });
    }

    private long applied() {
        TermIndex applied = replica.get().getLastAppliedTermIndex();
        return applied == null ? -1 : applied.getIndex();
    }

    private static Message message(MetaCommand command) {
        return Message.valueOf(ByteString.copyFrom(command.toByteArray()));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
