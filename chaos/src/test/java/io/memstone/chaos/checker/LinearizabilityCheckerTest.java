package io.memstone.chaos.checker;

import static io.memstone.chaos.history.Op.Fn.CAS;
import static io.memstone.chaos.history.Op.Fn.READ;
import static io.memstone.chaos.history.Op.Fn.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    @Test
    void sequentialHistoryIsLinearizable() {
        Ops h = new Ops().ok(READ, "k", null, 0, 1).ok(WRITE, "k", "1", 2, 3).ok(READ, "k", "1", 4, 5)
                .ok(WRITE, "k", "2", 6, 7).ok(READ, "k", "2", 8, 9);
        assertTrue(checker.check(h.pairs()).valid());
    }

    @Test
    void concurrentReadMaySeeEitherValue() {
        Ops h = new Ops().ok(WRITE, "k", "1", 0, 1).ok(WRITE, "k", "2", 2, 6)
                .ok(READ, "k", "2", 3, 4).ok(READ, "k", "2", 4.5, 5);
        assertTrue(checker.check(h.pairs()).valid());
        Ops old = new Ops().ok(WRITE, "k", "1", 0, 1).ok(WRITE, "k", "2", 2, 6).ok(READ, "k", "1", 3, 4);
        assertTrue(checker.check(old.pairs()).valid());
    }

    @Test
    void staleReadIsNotLinearizable() {
        Ops h = new Ops().ok(WRITE, "k", "1", 0, 1).ok(WRITE, "k", "2", 2, 3).ok(READ, "k", "1", 4, 5);
        CheckResult r = checker.check(h.pairs());
        assertFalse(r.valid());
        assertTrue(r.anomalies().get(0).startsWith("key k: not linearizable"), r.anomalies().toString());
    }

    @Test
    void readsMustNotFlipFlopBetweenConcurrentWrites() {
        // Both writes overlap both reads, but once 2 was read after 1, 1 cannot come back.
        Ops h = new Ops().ok(WRITE, "k", "1", 0, 10).ok(WRITE, "k", "2", 0, 10)
                .ok(READ, "k", "1", 1, 2).ok(READ, "k", "2", 3, 4).ok(READ, "k", "1", 5, 6);
        assertFalse(checker.check(h.pairs()).valid());
    }

    @Test
    void valueNeverWrittenIsNotLinearizable() {
        Ops h = new Ops().ok(WRITE, "k", "1", 0, 1).ok(READ, "k", "7", 2, 3);
        assertFalse(checker.check(h.pairs()).valid());
    }

    @Test
    void lostWriteIsNotLinearizable() {
        Ops h = new Ops().ok(WRITE, "k", "1", 0, 1).ok(READ, "k", null, 2, 3);
        assertFalse(checker.check(h.pairs()).valid());
    }

    @Test
    void indeterminateWriteMayTakeEffectLateOrNever() {
        Ops late = new Ops().ok(WRITE, "k", "1", 0, 1).info(WRITE, "k", "2", 2)
                .ok(READ, "k", "1", 3, 4).ok(READ, "k", "2", 10, 11);
        assertTrue(checker.check(late.pairs()).valid());
        Ops never = new Ops().ok(WRITE, "k", "1", 0, 1).info(WRITE, "k", "2", 2).ok(READ, "k", "1", 10, 11);
        assertTrue(checker.check(never.pairs()).valid());
    }

    @Test
    void indeterminateWriteTakesEffectOnlyOnce() {
        Ops h = new Ops().ok(WRITE, "k", "1", 0, 1).info(WRITE, "k", "2", 2)
                .ok(READ, "k", "2", 3, 4).ok(WRITE, "k", "3", 5, 6).ok(READ, "k", "2", 7, 8);
        assertFalse(checker.check(h.pairs()).valid());
    }

    @Test
    void indeterminateWriteCannotTakeEffectBeforeItsInvocation() {
        Ops h = new Ops().ok(WRITE, "k", "1", 0, 1).ok(READ, "k", "2", 2, 3).info(WRITE, "k", "2", 4);
        assertFalse(checker.check(h.pairs()).valid());
    }

    @Test
    void failedWriteHasNoEffect() {
        Ops h = new Ops().ok(WRITE, "k", "1", 0, 1).fail(WRITE, "k", "2", 2, 3).ok(READ, "k", "2", 4, 5);
        assertFalse(checker.check(h.pairs()).valid());
    }

    @Test
    void keysAreCheckedIndependently() {
        Ops h = new Ops().ok(WRITE, "a", "1", 0, 1).ok(WRITE, "b", "1", 0, 1)
                .ok(READ, "a", "1", 2, 3).ok(READ, "b", null, 2, 3);
        CheckResult r = checker.check(h.pairs());
        assertEquals(1, r.anomalies().size());
        assertTrue(r.anomalies().get(0).startsWith("key b:"), r.anomalies().toString());
        assertEquals(1, r.stats().get("non-linearizable-keys"));
    }

    @Test
    void searchLimitReportsUnknownNotValid() {
        // Twelve indeterminate writes, each seen by a concurrent read, and a value nobody wrote.
        Ops h = new Ops();
        for (int i = 0; i < 12; i++) h.info(WRITE, "k", Integer.toString(i), 0);
        for (int i = 0; i < 12; i++) h.ok(READ, "k", Integer.toString(i), 1, 2);
        h.ok(READ, "k", "never", 1, 2);
        CheckResult r = new LinearizabilityChecker(100).check(h.pairs());
        assertFalse(r.valid());
        assertEquals(1, r.stats().get("unknown-keys"));
    }

    @Test
    void unobservedIndeterminateWritesDoNotSlowTheSearchNorHideAnAnomaly() {
        // 40 writes that timed out, whose values nobody read: with them all in the search, a
        // step limit of 10,000 would not be enough; without them it is a handful of steps.
        Ops valid = new Ops().ok(WRITE, "k", "a", 0, 1);
        Ops stale = new Ops().ok(WRITE, "k", "a", 0, 1);
        for (int i = 0; i < 40; i++) {
            valid.info(WRITE, "k", "lost-" + i, 2 + i);
            stale.info(WRITE, "k", "lost-" + i, 2 + i);
        }
        valid.ok(READ, "k", "a", 50, 51).ok(WRITE, "k", "b", 52, 53).ok(READ, "k", "b", 54, 55);
        stale.ok(WRITE, "k", "b", 50, 51).ok(READ, "k", "a", 52, 53);
        assertTrue(new LinearizabilityChecker(10_000).check(valid.pairs()).valid());
        CheckResult r = new LinearizabilityChecker(10_000).check(stale.pairs());
        assertFalse(r.valid());
        assertEquals(1, r.stats().get("non-linearizable-keys"), "a stale read, not a search that gave up: " + r);
    }

    @Test
    void anIndeterminateWriteOfAValueWrittenTwiceIsKept() {
        // "x" is written twice, once indeterminately: only the indeterminate one can explain the last read.
        Ops h = new Ops().ok(WRITE, "k", "x", 0, 1).info(WRITE, "k", "x", 2).ok(WRITE, "k", "y", 3, 4)
                .ok(READ, "k", "x", 5, 6);
        assertTrue(new LinearizabilityChecker().check(h.pairs()).valid());
    }

    @Test
    void manyConcurrentOperationsAreCheckedQuickly() {
        // 8 writers and 8 readers overlapping all the time: the memoization keeps this small.
        Ops h = new Ops();
        String last = null;
        for (int round = 0; round < 200; round++) {
            double t = round * 10;
            for (int w = 0; w < 4; w++) h.ok(WRITE, "k", round + "-" + w, t, t + 5);
            last = round + "-3";
            for (int r = 0; r < 4; r++) h.ok(READ, "k", last, t + 6, t + 9);
        }
        assertTrue(new LinearizabilityChecker(1_000_000).check(h.pairs()).valid());
    }

    @Test
    void compareAndSetTakesEffectOnlyOnTheValueItExpects() {
        Ops h = new Ops().ok(WRITE, "k", "1", 0, 1).ok(CAS, "k", List.of("1", "2"), 2, 3).ok(READ, "k", "2", 4, 5);
        assertTrue(checker.check(h.pairs()).valid());
        // A transaction whose WATCH missed a write: the CAS applied over 3, which it did not expect.
        Ops missed = new Ops().ok(WRITE, "k", "1", 0, 1).ok(WRITE, "k", "3", 2, 3)
                .ok(CAS, "k", List.of("1", "2"), 4, 5).ok(READ, "k", "2", 6, 7);
        assertFalse(checker.check(missed.pairs()).valid());
    }

    @Test
    void aFailedCompareAndSetChangesNothing() {
        Ops h = new Ops().ok(WRITE, "k", "1", 0, 1).fail(CAS, "k", List.of("9", "2"), 2, 3).ok(READ, "k", "1", 4, 5);
        assertTrue(checker.check(h.pairs()).valid());
        Ops applied = new Ops().ok(WRITE, "k", "1", 0, 1).fail(CAS, "k", List.of("1", "2"), 2, 3).ok(READ, "k", "2", 4, 5);
        assertFalse(checker.check(applied.pairs()).valid(), "an aborted EXEC whose write is seen");
    }

    @Test
    void anIndeterminateCompareAndSetMayHaveTakenEffect() {
        Ops h = new Ops().ok(WRITE, "k", "1", 0, 1).info(CAS, "k", List.of("1", "2"), 2).ok(READ, "k", "2", 4, 5);
        assertTrue(checker.check(h.pairs()).valid());
        Ops wrongBase = new Ops().ok(WRITE, "k", "1", 0, 1).info(CAS, "k", List.of("5", "2"), 2).ok(READ, "k", "2", 4, 5);
        assertFalse(checker.check(wrongBase.pairs()).valid(), "it could only have applied over 5, never written");
    }
}
