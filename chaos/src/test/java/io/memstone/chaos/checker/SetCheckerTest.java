package io.memstone.chaos.checker;

import static io.memstone.chaos.history.Op.Fn.ADD;
import static io.memstone.chaos.history.Op.Fn.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SetCheckerTest {
    private final SetChecker checker = new SetChecker();

    @Test
    void everyAcknowledgedElementPresentIsValid() {
        Ops h = new Ops().ok(ADD, "s", "a", 0, 1).info(ADD, "s", "b", 1).fail(ADD, "s", "c", 1, 2)
                .ok(READ, "s", List.of("a", "b"), 5, 6);
        CheckResult r = checker.check(h.pairs());
        assertTrue(r.valid(), r.anomalies().toString());
        assertEquals(1, r.stats().get("recovered"));
    }

    @Test
    void acknowledgedElementMissingIsLost() {
        Ops h = new Ops().ok(ADD, "s", "a", 0, 1).ok(ADD, "s", "b", 0, 1).ok(READ, "s", List.of("b"), 5, 6);
        CheckResult r = checker.check(h.pairs());
        assertFalse(r.valid());
        assertEquals(1, r.stats().get("lost"));
        assertTrue(r.anomalies().get(0).contains("lost a"), r.anomalies().toString());
    }

    @Test
    void elementNeverAttemptedIsUnexpected() {
        Ops failed = new Ops().ok(ADD, "s", "a", 0, 1).fail(ADD, "s", "b", 0, 1).ok(READ, "s", List.of("a", "b"), 5, 6);
        CheckResult r = checker.check(failed.pairs());
        assertFalse(r.valid());
        assertEquals(1, r.stats().get("unexpected"));
        Ops otherKey = new Ops().ok(ADD, "s", "a", 0, 1).ok(ADD, "t", "x", 0, 1)
                .ok(READ, "s", List.of("a", "x"), 5, 6).ok(READ, "t", List.of("x"), 5, 6);
        assertFalse(checker.check(otherKey.pairs()).valid());
    }

    @Test
    void missingFinalReadIsInvalid() {
        Ops h = new Ops().ok(ADD, "s", "a", 0, 1).info(READ, "s", null, 5);
        assertFalse(checker.check(h.pairs()).valid());
    }
}
