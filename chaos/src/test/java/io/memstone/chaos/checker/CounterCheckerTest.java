package io.memstone.chaos.checker;

import static io.memstone.chaos.history.Op.Fn.ADD;
import static io.memstone.chaos.history.Op.Fn.READ;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CounterCheckerTest {
    private final CounterChecker checker = new CounterChecker();

    private static Ops increments() {
        return new Ops().ok(ADD, "c", 2L, 0, 1).ok(ADD, "c", 3L, 0, 1).info(ADD, "c", 5L, 1).fail(ADD, "c", 7L, 1, 2);
    }

    @Test
    void finalValueBetweenAcknowledgedAndAttemptedIsValid() {
        assertTrue(checker.check(increments().ok(READ, "c", 5L, 10, 11).pairs()).valid());
        assertTrue(checker.check(increments().ok(READ, "c", 10L, 10, 11).pairs()).valid());
    }

    @Test
    void finalValueBelowAcknowledgedSumLostAnIncrement() {
        assertFalse(checker.check(increments().ok(READ, "c", 3L, 10, 11).pairs()).valid());
    }

    @Test
    void finalValueAboveAttemptedSumCountedAFailedOrDuplicatedIncrement() {
        assertFalse(checker.check(increments().ok(READ, "c", 17L, 10, 11).pairs()).valid());
        assertFalse(checker.check(increments().ok(READ, "c", 12L, 10, 11).pairs()).valid());
    }

    @Test
    void readMissingAnIncrementAcknowledgedBeforeItIsStale() {
        Ops h = new Ops().ok(ADD, "c", 2L, 0, 1).ok(READ, "c", 2L, 2, 3).ok(ADD, "c", 3L, 4, 5)
                .ok(READ, "c", 2L, 6, 7).ok(READ, "c", 5L, 8, 9);
        assertFalse(checker.check(h.pairs()).valid());
    }

    @Test
    void noReadIsInvalid() {
        assertFalse(checker.check(increments().pairs()).valid());
    }
}
