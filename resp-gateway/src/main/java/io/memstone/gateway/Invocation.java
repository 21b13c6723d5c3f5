package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A request ready to run: what kind it is decides when a connection may start it (see
 * {@link ConnectionHandler}); {@code action} starts it. A request {@code refused} already has
 * its error reply (unknown command, wrong arity...): it never waits for CLIENT PAUSE.
 */
record Invocation(Kind kind, Supplier<CompletableFuture<Reply>> action, boolean refused) {

    enum Kind {
        /** Answered from connection or server state at once, in arrival order. */
        LOCAL,
        /** Reads the keyspace: waits for earlier writes of the connection to complete. */
        READ,
        /** Changes the keyspace: waits for earlier reads of the connection to complete. */
        WRITE,
        /**
         * A write that may wait for keys to receive elements (BLPOP...): runs alone, and the
         * connection runs nothing read after it until it is answered, as Redis does.
         */
        BLOCKING
    }

    /** A command that runs. */
    Invocation(Kind kind, Supplier<CompletableFuture<Reply>> action) {
        this(kind, action, false);
    }

    /** A request answered with {@code reply} without running anything. */
    static Invocation refused(Reply reply) {
        return new Invocation(Kind.LOCAL, () -> CompletableFuture.completedFuture(reply), true);
    }
}
