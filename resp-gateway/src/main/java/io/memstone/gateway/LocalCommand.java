package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.util.concurrent.CompletableFuture;

/** A command the gateway answers itself, registered under its full name ({@code client|id}). */
@FunctionalInterface
interface LocalCommand {
    CompletableFuture<Reply> run(ClientSession session, byte[][] argv);

    /** A command answered synchronously from connection or server state. */
    @FunctionalInterface
    interface Sync {
        Reply run(ClientSession session, byte[][] argv);
    }
}
