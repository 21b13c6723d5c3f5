package io.memstone.engine;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last batches each proposer got applied, with their replies: a batch that reaches the log
 * again (a client retried it at a new leader, or after the old leader stepped down having
 * appended it) is answered from here instead of being applied twice. Part of the replicated
 * state: every replica updates it in log order, and snapshots carry it.
 */
final class AppliedBatches {
    /** Batches remembered per proposer; a proposer has at most a few in flight. */
    static final int WINDOW = 8;
    /** Proposers remembered, least recently applied dropped first (a node restart is a new one). */
    static final int PROPOSERS = 1024;

    private final LinkedHashMap<ByteString, LinkedHashMap<Long, List<Reply>>> byProposer =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ByteString, LinkedHashMap<Long, List<Reply>>> eldest) {
                    return size() > PROPOSERS;
                }
            };

    /** The replies the batch got when it was first applied, or null if it was not. */
    List<Reply> repliesOf(ByteString proposer, long sequence) {
        LinkedHashMap<Long, List<Reply>> window = byProposer.get(proposer);
        return window == null ? null : window.get(sequence);
    }

    void record(ByteString proposer, long sequence, List<Reply> replies) {
        LinkedHashMap<Long, List<Reply>> window = byProposer.get(proposer);
        if (window == null) {
            window = new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, List<Reply>> eldest) {
                    return size() > WINDOW;
                }
            };
            // A copy: the batch may have been parsed with aliasing, and the id would keep its whole entry alive.
            byProposer.put(ByteString.copyFrom(proposer.toByteArray()), window);
        }
        window.put(sequence, List.copyOf(replies));
    }

    /** One remembered batch. */
    record Batch(ByteString proposer, long sequence, List<Reply> replies) {}

    /** Every remembered batch, in the order {@link #record} must see them to rebuild this table. */
    List<Batch> list() {
        List<Batch> out = new ArrayList<>();
        byProposer.forEach((proposer, window) -> window.forEach((sequence, replies) ->
                out.add(new Batch(proposer, sequence, replies))));
        return out;
    }
}
