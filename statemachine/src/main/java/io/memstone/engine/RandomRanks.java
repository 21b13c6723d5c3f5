package io.memstone.engine;

import java.util.HashSet;
import java.util.Set;

/**
 * Which positions a random-member command (ZRANDMEMBER, and the like for other types) returns
 * for a count, after Redis' rules: negative means that many draws with repeats, positive
 * that many distinct positions (a count covering the collection is the caller's case).
 */
final class RandomRanks {
    private RandomRanks() {}

    /**
     * Redis would try to send any negative count's worth of replies (and run out of memory);
     * the engine refuses more draws with repeats than this, before allocating any of them.
     */
    static final long MAX_REPEATS = 10_000_000;

    /** Fails with "value is out of range" when {@code draws} exceeds {@link #MAX_REPEATS}. */
    static void checkRepeats(long draws) {
        if (draws > MAX_REPEATS) throw new CommandError(Errors.VALUE_OUT_OF_RANGE);
    }

    /** {@code count} positions below {@code size}; a positive count must be below the size. */
    static long[] pick(java.util.Random random, int size, long count) {
        if (count < 0) {
            long[] ranks = new long[Math.toIntExact(-count)];
            for (int i = 0; i < ranks.length; i++) ranks[i] = random.nextInt(size);
            return ranks;
        }
        long[] ranks = new long[(int) count];
        if (count * 3 > size) {
            // Many of the positions: a partial Fisher-Yates shuffle.
            int[] all = new int[size];
            for (int i = 0; i < size; i++) all[i] = i;
            for (int i = 0; i < count; i++) {
                int j = i + random.nextInt(size - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
                ranks[i] = all[i];
            }
        } else {
            // Few of them: draw until distinct.
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < count; ) {
                int r = random.nextInt(size);
                if (seen.add(r)) ranks[i++] = r;
            }
        }
        return ranks;
    }
}
