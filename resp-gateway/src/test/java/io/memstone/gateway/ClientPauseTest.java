package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientPauseTest {
    private static final long LATER = System.currentTimeMillis() + 600_000;

    @Test
    void writeModeHoldsOnlyWhatGoesThroughTheLogAndAllHoldsEverything() {
        ClientPause pause = new ClientPause();
        assertFalse(pause.holds(true), "nothing is held without a pause");
        pause.pause(ClientPause.Mode.WRITE, LATER, System.currentTimeMillis());
        assertTrue(pause.holds(true));
        assertFalse(pause.holds(false));
        pause.pause(ClientPause.Mode.ALL, LATER, System.currentTimeMillis());
        assertTrue(pause.holds(false), "a stricter mode applies at once");
        pause.pause(ClientPause.Mode.WRITE, LATER, System.currentTimeMillis());
        assertTrue(pause.holds(false), "a pause in force is never relaxed, as in Redis");
        assertFalse(pause.lifted().isDone());
        pause.unpause();
        assertFalse(pause.holds(true));
        assertTrue(pause.lifted().isDone(), "waiting commands are released");
    }

    @Test
    void aPauseEndsByItselfAtItsTime() {
        ClientPause pause = new ClientPause();
        long now = System.currentTimeMillis();
        pause.pause(ClientPause.Mode.ALL, now, now);
        pause.lifted().join();
        assertFalse(pause.holds(false));
    }
}
