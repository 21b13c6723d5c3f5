package io.memstone.node.pubsub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuietPeersTest {
    @Test
    void aFailedNodeIsSkippedForTheQuietTimeThenCalledAgain() {
        QuietPeers q = new QuietPeers(1_000);
        assertFalse(q.skipped("n2", 0));
        assertTrue(q.failed("n2", 100), "the first failure is news");
        assertFalse(q.failed("n2", 200), "a second one is not");
        assertTrue(q.skipped("n2", 1_199));
        assertFalse(q.skipped("n2", 1_200), "tried again once the quiet time from the last failure is over");
        assertFalse(q.skipped("n3", 500), "other nodes are called");
    }

    @Test
    void anAnswerEndsTheQuiet() {
        QuietPeers q = new QuietPeers(1_000);
        q.failed("n2", 0);
        assertTrue(q.answered("n2"));
        assertFalse(q.skipped("n2", 1));
        assertFalse(q.answered("n2"), "already answering");
    }
}
