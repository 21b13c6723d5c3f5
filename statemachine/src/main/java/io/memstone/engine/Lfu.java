package io.memstone.engine;

/**
 * Redis' logarithmic access-frequency counter (evict.c): 8 bits of counter and 16 bits of the
 * minute it was last decremented, packed as {@code minutes << 8 | counter}. The counter grows
 * with probability 1/((counter - INIT) * logFactor + 1), so it spans millions of accesses, and
 * loses one per {@code decayTime} minutes without access. Pure: the caller gives the draw.
 */
final class Lfu {
    /** Redis' LFU_INIT_VAL: a new key is not the first to go. */
    static final int INIT = 5;
    private static final int MAX = 255;
    private static final int MINUTES_MASK = 0xFFFF;

    private Lfu() {}

    /** The packed state of a key created at {@code nowMs}. */
    static int fresh(long nowMs) {
        return withCounter(nowMs, INIT);
    }

    /** The packed state of a counter (0..255) last decayed at {@code nowMs}. */
    static int withCounter(long nowMs, int counter) {
        return minutes(nowMs) << 8 | counter;
    }

    /** The state after one access at {@code nowMs}: decayed, then maybe incremented by {@code draw} in [0, 1). */
    static int accessed(int state, long nowMs, int logFactor, int decayTime, double draw) {
        return withCounter(nowMs, increment(counter(state, nowMs, decayTime), logFactor, draw));
    }

    /** The counter as OBJECT FREQ shows it: decayed to {@code nowMs}, not incremented. */
    static int counter(int state, long nowMs, int decayTime) {
        int counter = state & MAX;
        if (decayTime == 0) return counter;
        long periods = elapsedMinutes(state >>> 8, nowMs) / decayTime;
        return periods > counter ? 0 : counter - (int) periods;
    }

    /** Redis' LFULogIncr. */
    static int increment(int counter, int logFactor, double draw) {
        if (counter == MAX) return MAX;
        double base = Math.max(0, counter - INIT);
        return draw < 1.0 / (base * logFactor + 1) ? counter + 1 : counter;
    }

    /** Minutes since {@code lastMinutes}, on a 16-bit clock that wraps (Redis' LFUTimeElapsed). */
    static long elapsedMinutes(int lastMinutes, long nowMs) {
        int now = minutes(nowMs);
        return now >= lastMinutes ? now - lastMinutes : MINUTES_MASK - lastMinutes + now;
    }

    private static int minutes(long nowMs) {
        return (int) ((nowMs / 60_000) & MINUTES_MASK);
    }
}
