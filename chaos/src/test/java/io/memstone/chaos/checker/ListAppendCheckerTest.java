package io.memstone.chaos.checker;

import static io.memstone.chaos.history.Op.Fn.APPEND;
import static io.memstone.chaos.history.Op.Fn.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListAppendCheckerTest {
    private final ListAppendChecker checker = new ListAppendChecker();

    private static Ops appends() {
        return new Ops().ok(APPEND, "l", "1", 0, 1).ok(APPEND, "l", "2", 2, 3).info(APPEND, "l", "3", 4);
    }

    private CheckResult check(Ops h, String expectedKind) {
        CheckResult r = checker.check(h.pairs());
        assertFalse(r.valid(), "expected " + expectedKind);
        assertTrue((Integer) r.stats().get(expectedKind) > 0, expectedKind + " in " + r);
        return r;
    }

    @Test
    void prefixReadsInOneOrderAreValid() {
        Ops h = appends().ok(READ, "l", List.of("1"), 1.5, 1.8).ok(READ, "l", List.of("1", "2"), 3.5, 3.8)
                .ok(READ, "l", List.of("1", "2", "3"), 10, 11);
        CheckResult r = checker.check(h.pairs());
        assertTrue(r.valid(), r.anomalies().toString());
        assertEquals(3, r.stats().get("reads"));
    }

    @Test
    void acknowledgedAppendMissingFromFinalReadIsLost() {
        check(appends().ok(READ, "l", List.of("1", "2"), 3.5, 3.8).ok(READ, "l", List.of("1"), 10, 11), "lost");
    }

    @Test
    void duplicateIsReported() {
        check(appends().ok(READ, "l", List.of("1", "2", "2"), 10, 11), "duplicate");
    }

    @Test
    void valueNeverAppendedIsReported() {
        check(appends().ok(READ, "l", List.of("1", "2", "9"), 10, 11), "never-written");
    }

    @Test
    void readsDisagreeingOnOrderAreReported() {
        Ops h = new Ops().ok(APPEND, "l", "1", 0, 5).ok(APPEND, "l", "2", 0, 5)
                .ok(READ, "l", List.of("2"), 1, 2).ok(READ, "l", List.of("1", "2"), 6, 7);
        check(h, "incompatible-order");
    }

    @Test
    void readMissingAnEarlierAcknowledgedAppendIsStale() {
        check(appends().ok(READ, "l", List.of("1"), 3.5, 3.8).ok(READ, "l", List.of("1", "2"), 10, 11), "stale-read");
    }

    @Test
    void readShorterThanAnEarlierReadWentBackwards() {
        Ops h = new Ops().ok(APPEND, "l", "1", 0, 1).ok(APPEND, "l", "2", 0, 10)
                .ok(READ, "l", List.of("1", "2"), 2, 3).ok(READ, "l", List.of("1"), 4, 5)
                .ok(READ, "l", List.of("1", "2"), 11, 12);
        check(h, "went-backwards");
    }
}
