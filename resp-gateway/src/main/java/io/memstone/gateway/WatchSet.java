package io.memstone.gateway;

import io.memstone.engine.TransactionArgs;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection's watched keys with the versions WATCH read. Each WATCH adds to the set that was
 * current when it arrived; UNWATCH, DISCARD and EXEC replace the set, so a read that completes
 * after them fills one nobody uses any more. Reads complete on executor threads, hence the locks.
 */
final class WatchSet {
    final SlotSpan slots = new SlotSpan();
    private final List<TransactionArgs.Watched> watched = new ArrayList<>();
    /** A WATCH read failed: what the key was is unknown, so EXEC aborts as if it changed. */
    private boolean broken;

    synchronized void add(List<TransactionArgs.Watched> keys) {
        watched.addAll(keys);
    }

    synchronized void breakIt() {
        broken = true;
    }

    synchronized boolean broken() {
        return broken;
    }

    synchronized List<TransactionArgs.Watched> watched() {
        return List.copyOf(watched);
    }
}
