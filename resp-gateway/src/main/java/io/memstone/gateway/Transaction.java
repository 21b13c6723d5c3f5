package io.memstone.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * A connection's MULTI: the commands queued so far, whether one was refused (EXEC then answers
 * EXECABORT), and the slots their keys and the watched keys fall in.
 */
final class Transaction {
    /** A queued command; {@code local} is set for a gateway command, run at EXEC by the gateway. */
    record Queued(byte[][] argv, LocalCommand local) {}

    final List<Queued> queued = new ArrayList<>();
    final SlotSpan slots;
    private boolean failed;

    Transaction(SlotSpan watchedSlots) {
        this.slots = watchedSlots.copy();
    }

    /** Redis' flagTransaction: a command was refused while queuing. */
    void fail() {
        failed = true;
    }

    boolean failed() {
        return failed;
    }

    /** The queued engine commands, in order: what the one log entry carries. */
    List<byte[][]> engineCommands() {
        List<byte[][]> out = new ArrayList<>(queued.size());
        for (Queued q : queued) {
            if (q.local() == null) out.add(q.argv());
        }
        return out;
    }

    boolean hasLocalCommands() {
        return queued.stream().anyMatch(q -> q.local() != null);
    }
}
