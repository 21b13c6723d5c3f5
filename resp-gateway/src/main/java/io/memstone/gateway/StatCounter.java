package io.memstone.gateway;

import com.codahale.metrics.Counter;

/**
 * A count seen two ways: Prometheus gets the counter, which only grows (a counter that went
 * down would read as a restart), and INFO the count since the last CONFIG RESETSTAT, which
 * Redis zeroes.
 */
final class StatCounter {
    private final Counter counter;
    private volatile long baseline;

    StatCounter(Counter counter) {
        this.counter = counter;
    }

    void inc() {
        counter.inc();
    }

    void add(long n) {
        counter.inc(n);
    }

    long sinceReset() {
        return counter.getCount() - baseline;
    }

    void reset() {
        baseline = counter.getCount();
    }
}
