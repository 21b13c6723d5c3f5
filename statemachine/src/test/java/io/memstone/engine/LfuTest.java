package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LfuTest {
    private static final long MINUTE = 60_000;

    @Test
    void newKeyStartsAtInitAndIsNotDecayedWithinAMinute() {
        long now = 1_000 * MINUTE;
        assertEquals(Lfu.INIT, Lfu.counter(Lfu.fresh(now), now + MINUTE - 1, 1));
    }

    @Test
    void counterBelowInitAlwaysGrowsAndTheMaximumStays() {
        assertEquals(4, Lfu.increment(3, 10, 0.999));
        assertEquals(Lfu.INIT + 1, Lfu.increment(Lfu.INIT, 10, 0.999), "at INIT the chance is 1");
        assertEquals(255, Lfu.increment(255, 10, 0.0));
    }

    @Test
    void incrementProbabilityFallsWithTheCounterAndTheLogFactor() {
        // At counter 15 and factor 10 the chance is 1/101: a draw of 0.0098 grows it, 0.0100 does not.
        assertEquals(16, Lfu.increment(15, 10, 0.0098));
        assertEquals(15, Lfu.increment(15, 10, 0.0100));
        assertEquals(16, Lfu.increment(15, 0, 0.999), "factor 0: every access counts");
    }

    /** Redis' table in redis.conf, factor 10: 100 accesses give about 10, 1K about 18, 1M saturate at 255. */
    @Test
    void countsFollowRedisTableForFactorTen() {
        Random r = new Random(1);
        int state = Lfu.fresh(0);
        for (int i = 0; i < 100; i++) state = Lfu.accessed(state, 0, 10, 1, r.nextDouble());
        int afterHundred = Lfu.counter(state, 0, 1);
        assertTrue(afterHundred >= 8 && afterHundred <= 13, "after 100 accesses: " + afterHundred);
        for (int i = 0; i < 900; i++) state = Lfu.accessed(state, 0, 10, 1, r.nextDouble());
        int afterThousand = Lfu.counter(state, 0, 1);
        assertTrue(afterThousand >= 15 && afterThousand <= 22, "after 1000 accesses: " + afterThousand);
        for (int i = 0; i < 1_000_000; i++) state = Lfu.accessed(state, 0, 10, 1, r.nextDouble());
        assertEquals(255, Lfu.counter(state, 0, 1));
    }

    @Test
    void decaysOnePerDecayPeriodDownToZero() {
        long t = 7 * MINUTE;
        int state = Lfu.accessed(Lfu.fresh(t), t, 0, 1, 0.5);
        assertEquals(Lfu.INIT + 1, Lfu.counter(state, t, 1));
        assertEquals(Lfu.INIT - 1, Lfu.counter(state, t + 2 * MINUTE, 1));
        assertEquals(Lfu.INIT, Lfu.counter(state, t + 2 * MINUTE, 2), "decay time 2: one per two minutes");
        assertEquals(0, Lfu.counter(state, t + 100 * MINUTE, 1));
        assertEquals(Lfu.INIT + 1, Lfu.counter(state, t + 100 * MINUTE, 0), "decay time 0: never decays");
    }

    @Test
    void minuteClockWrapsAt16Bits() {
        long last = 65_530 * MINUTE;
        int state = Lfu.fresh(last);
        assertEquals(10, Lfu.elapsedMinutes(state >>> 8, 65_536 * MINUTE + 5 * MINUTE));
    }
}
