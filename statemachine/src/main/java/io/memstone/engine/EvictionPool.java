package io.memstone.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis' eviction pool (evict.c): the best candidates seen so far across samplings, kept
 * sorted by score (higher goes first: idle time, inverted frequency or inverted expiry). A
 * candidate scoring below the worst of a full pool is dropped; a better one pushes the worst out.
 */
final class EvictionPool {
    /** Redis' EVPOOL_SIZE. */
    static final int SIZE = 16;

    private record Candidate(Key key, long score) {}

    /** Ascending by score: the best candidate is last. */
    private final List<Candidate> candidates = new ArrayList<>(SIZE + 1);

    /** Considers {@code key}; a key already in the pool keeps its place. */
    void offer(Key key, long score) {
        for (Candidate c : candidates) if (c.key().equals(key)) return;
        int at = 0;
        while (at < candidates.size() && candidates.get(at).score() < score) at++;
        if (candidates.size() == SIZE) {
            if (at == 0) return;
            candidates.remove(0);
            at--;
        }
        candidates.add(at, new Candidate(key, score));
    }

    /** Removes and returns the best candidate, or null when the pool is empty. */
    Key takeBest() {
        return candidates.isEmpty() ? null : candidates.remove(candidates.size() - 1).key();
    }

    int size() {
        return candidates.size();
    }
}
