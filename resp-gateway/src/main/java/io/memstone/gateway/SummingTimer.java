package io.memstone.gateway;

import com.codahale.metrics.Clock;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Dropwizard timer for something every command records: it keeps the total of the durations
 * (a Prometheus summary has a {@code _sum}, Redis' commandstats an {@code usec}), samples the
 * most recent ones in a {@link RecentReservoir}, and keeps no rates (Timer's meter costs as
 * much as the rest together; Prometheus computes rates from the count).
 */
public final class SummingTimer extends Timer {
    static final int RECENT = 4096;
    private static final Meter NO_RATES = new Meter() {
        @Override
        public void mark(long n) {
            // rates are not kept
        }
    };

    private final LongAdder totalNanos = new LongAdder();

    public SummingTimer() {
        super(NO_RATES, new Histogram(new RecentReservoir(RECENT)), Clock.defaultClock());
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
