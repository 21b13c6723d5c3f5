package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A command the gateway answers itself, registered under its full name ({@code client|id}). */
@FunctionalInterface
interface LocalCommand {
    CompletableFuture<Reply> run(ClientSession session, byte[][] argv);

    /**
     * Called when the command arrives, in request order; returns what runs when the connection
     * starts it. By default all of it runs then; EXEC and WATCH change connection state on
     * arrival, so that the commands read after them see it.
     */
    default Supplier<CompletableFuture<Reply>> stage(ClientSession session, byte[][] argv) {
        return () -> run(session, argv);
    }

    /** A command whose {@link #stage} is what it is made of. */
    @FunctionalInterface
    interface Staged extends LocalCommand {
        @Override
        Supplier<CompletableFuture<Reply>> stage(ClientSession session, byte[][] argv);

        @Override
        default CompletableFuture<Reply> run(ClientSession session, byte[][] argv) {
            return stage(session, argv).get();
        }
    }

    /** A command answered synchronously from connection or server state. */
    @FunctionalInterface
    interface Sync {
        Reply run(ClientSession session, byte[][] argv);
    }
}
