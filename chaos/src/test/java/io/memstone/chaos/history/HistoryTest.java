package io.memstone.chaos.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
    @Test
    void pairsInvocationsWithTheirCompletionsPerProcess() {
        History h = new History(System.nanoTime());
        Op w = h.invoke(0, Op.Fn.WRITE, "k", "1");
        Op r = h.invoke(1, Op.Fn.READ, "k", null);
        h.complete(r, Op.Type.OK, "1", null);
        h.complete(w, Op.Type.OK, "1", null);
        Op timedOut = h.invoke(2, Op.Fn.WRITE, "k", "2");
        h.complete(timedOut, Op.Type.INFO, null, "timeout");
        h.invoke(3, Op.Fn.WRITE, "k", "3");

        List<OpPair> pairs = h.pairs();
        assertEquals(4, pairs.size());
        assertEquals("1", pairs.get(0).value());
        assertEquals("1", pairs.get(1).value());
        assertEquals(Op.Type.INFO, pairs.get(2).type());
        assertEquals(Op.Type.INFO, pairs.get(3).type(), "still running at the end: indeterminate");
    }

    @Test
    void aProcessRunsOneOperationAtATime() {
        History h = new History(System.nanoTime());
        h.invoke(0, Op.Fn.WRITE, "k", "1");
        h.invoke(0, Op.Fn.WRITE, "k", "2");
        assertThrows(IllegalStateException.class, h::pairs);
    }
}
