package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a blocking command waits for, in terms {@link BlockedClients} needs and nothing more, so
 * that any command that waits for keys (BLPOP, BZPOPMIN, XREAD BLOCK...) parks the same way.
 *
 * @param keys      the keys whose new elements may serve it
 * @param slot      their slot
 * @param attempt   proposes the command once, without waiting (a replicated write); a nil reply
 *                  means nothing was there to take
 * @param timeoutMs how long to wait, 0 for ever
 * @param timedOut  the reply when the time is up (or CLIENT UNBLOCK ... TIMEOUT)
 * @param ends      the errors of a later try that end the wait (XREADGROUP's group gone); any
 *                  other leaves the client waiting, as Redis leaves a BLPOP on a key turned string
 */
record BlockingRequest(List<byte[]> keys, int slot, Supplier<CompletableFuture<Reply>> attempt, long timeoutMs,
                       Reply timedOut, Predicate<Reply> ends) {

    /** Whether an attempt's reply leaves the client waiting: nil, nothing was taken. */
    static boolean tookNothing(Reply reply) {
        return reply instanceof Reply.NullArray || reply instanceof Reply.NullBulk;
    }
}
