package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputLimitTest {
    private static final OutputLimit LIMIT = new OutputLimit("pubsub", 100, 10, 1_000);

    @Test
    void hardLimitClosesAtOnce() {
        OutputLimit.Tracker t = new OutputLimit.Tracker();
        assertFalse(t.exceeded(LIMIT, 99, 0), "99 bytes: over the soft limit only, whose time has not run out");
        assertTrue(new OutputLimit.Tracker().exceeded(LIMIT, 100, 0), "100 bytes reaches the hard limit");
    }

    @Test
    void softLimitClosesOnlyAfterStayingOverItLongerThanItsTime() {
        OutputLimit.Tracker t = new OutputLimit.Tracker();
        assertFalse(t.exceeded(LIMIT, 10, 0));
        assertFalse(t.exceeded(LIMIT, 50, 1_000), "over the soft limit for exactly its time");
        assertTrue(t.exceeded(LIMIT, 50, 1_001), "over it for longer");
    }

    @Test
    void fallingUnderTheSoftLimitRestartsItsClock() {
        OutputLimit.Tracker t = new OutputLimit.Tracker();
        assertFalse(t.exceeded(LIMIT, 50, 0));
        assertFalse(t.exceeded(LIMIT, 9, 900));
        assertFalse(t.exceeded(LIMIT, 50, 1_500), "the clock restarted at 1500");
        assertTrue(t.exceeded(LIMIT, 50, 2_501));
    }

    @Test
    void zeroDisablesALimit() {
        OutputLimit none = new OutputLimit("normal", 0, 0, 0);
        assertFalse(new OutputLimit.Tracker().exceeded(none, Long.MAX_VALUE, Long.MAX_VALUE));
    }
}
