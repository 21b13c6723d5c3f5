package io.memstone.node.rdb;

import java.io.PrintStream;

/** At most one progress line a second while keys go through, then a summary with the rate. */
final class Progress {
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private final String verb;
    private final long start = System.nanoTime();
    private long lastPrinted = start;

    Progress(PrintStream out, String verb) {
        this.out = out;
        this.verb = verb;
    }

    /** {@code detail} says how far along, e.g. "41% of the file". */
    void update(long keys, String detail) {
        long now = System.nanoTime();
        if (now - lastPrinted < INTERVAL_NANOS) return;
        lastPrinted = now;
        out.printf("%s %d keys, %s, %.0f keys/s%n", verb, keys, detail, rate(keys, now));
    }

    /** The summary line, e.g. "imported 100000 keys in 4.2 s (23810 keys/s)". */
    String summary(long keys) {
        long now = System.nanoTime();
        return String.format("%s %d keys in %.1f s (%.0f keys/s)", verb, keys, (now - start) / 1e9, rate(keys, now));
    }

    private double rate(long keys, long now) {
        return keys / Math.max((now - start) / 1e9, 1e-3);
    }
}
