package io.memstone.gateway;

/**
 * Redis' instantaneous_ops_per_sec: the command count sampled every 100 ms, and the rate over
 * the last 16 samples (1.6 s).
 */
final class OpsRate {
    static final long SAMPLE_EVERY_MS = 100;
    private static final int SAMPLES = 16;

    private final long[] counts = new long[SAMPLES];
    private final long[] times = new long[SAMPLES];
    private int next;
    private int taken;

    synchronized void sample(long count, long nowMs) {
        counts[next] = count;
        times[next] = nowMs;
        next = (next + 1) % SAMPLES;
        taken = Math.min(taken + 1, SAMPLES);
    }

    synchronized long perSecond() {
        if (taken < 2) return 0;
        int newest = (next + SAMPLES - 1) % SAMPLES;
        int oldest = (next + SAMPLES - taken) % SAMPLES;
        long ms = times[newest] - times[oldest];
        return ms <= 0 ? 0 : (counts[newest] - counts[oldest]) * 1000 / ms;
    }
}
