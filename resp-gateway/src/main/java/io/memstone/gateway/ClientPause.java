package io.memstone.gateway;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * CLIENT PAUSE / UNPAUSE: while a pause lasts, commands wait before they run, all of them
 * (ALL) or those that go through the log (WRITE). A connection holding a waiting command reads
 * nothing more until the pause ends, as a blocked Redis client does.
 */
final class ClientPause {
    enum Mode { WRITE, ALL }

    /** Read without the lock by every command; changed under it. */
    private volatile Mode mode;
    private long untilMs;
    private CompletableFuture<Void> lifted = CompletableFuture.completedFuture(null);

    /**
     * Pauses until {@code untilMs}; like Redis, a pause already in force is only lengthened and
     * only made stricter, never shortened or relaxed.
     */
    synchronized void pause(Mode requested, long untilMs, long nowMs) {
        if (mode == null) {
            lifted = new CompletableFuture<>();
            mode = requested;
            this.untilMs = untilMs;
        } else {
            if (requested == Mode.ALL) mode = Mode.ALL;
            this.untilMs = Math.max(this.untilMs, untilMs);
        }
        CompletableFuture.delayedExecutor(Math.max(0, untilMs - nowMs), TimeUnit.MILLISECONDS)
                .execute(() -> expire(System.currentTimeMillis()));
    }

    synchronized void unpause() {
        if (mode == null) return;
        mode = null;
        lifted.complete(null);
    }

    /** Whether a command must wait; {@code throughLog}: it is a write (or may replicate). */
    boolean holds(boolean throughLog) {
        Mode m = mode;
        return m == Mode.ALL || (m == Mode.WRITE && throughLog);
    }

    /** Completes when the current pause (if any) ends. */
    synchronized CompletableFuture<Void> lifted() {
        return lifted;
    }

    private synchronized void expire(long nowMs) {
        if (mode != null && nowMs >= untilMs) unpause();
    }
}
