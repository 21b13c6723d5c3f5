package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A command ready to run: what kind it is decides when a connection may start it (see
 * {@link ConnectionHandler}); {@code action} starts it.
 */
record Invocation(Kind kind, Supplier<CompletableFuture<Reply>> action) {

    enum Kind {
        /** Answered from connection or server state at once, in arrival order. */
        LOCAL,
        /** Reads the keyspace: waits for earlier writes of the connection to complete. */
        READ,
        /** Changes the keyspace: waits for earlier reads of the connection to complete. */
        WRITE
    }

    static Invocation local(Reply reply) {
        return new Invocation(Kind.LOCAL, () -> CompletableFuture.completedFuture(reply));
    }
}
