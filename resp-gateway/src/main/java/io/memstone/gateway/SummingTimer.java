package io.memstone.gateway;

import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Dropwizard timer that also keeps the total of the durations it saw: a Prometheus summary
 * has a {@code _sum}, and Redis' commandstats an {@code usec} total, which Timer lacks.
 */
public final class SummingTimer extends Timer {
    private final LongAdder totalNanos = new LongAdder();

    public SummingTimer() {
        super(LockFreeExponentiallyDecayingReservoir.builder().build());
    }

    @Override
    public void update(long duration, TimeUnit unit) {
        super.update(duration, unit);
        totalNanos.add(unit.toNanos(duration));
    }

    public long totalNanos() {
        return totalNanos.sum();
    }
}
