package io.memstone.gateway;

import com.codahale.metrics.Reservoir;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.UniformSnapshot;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A sample of recent values that every command can afford to update: the first
 * {@code capacity} values fill it in order, then each new value replaces a random one, so a
 * value survives the next n updates with probability (1 - 1/capacity)^n and the sample leans
 * to the last few thousand calls. Once full, an update writes one slot and touches no shared
 * counter, so threads recording at once do not contend. (Dropwizard's decaying reservoirs
 * insert into a skip list: about a microsecond per update, a measurable share of a pipelined GET.)
 */
final class RecentReservoir implements Reservoir {
    private final AtomicLongArray values;
    private final AtomicInteger filled = new AtomicInteger();

    RecentReservoir(int capacity) {
        values = new AtomicLongArray(capacity);
    }

    @Override
    public int size() {
        return Math.min(filled.get(), values.length());
    }

    @Override
    public void update(long value) {
        int slot = filled.get() < values.length() ? filled.getAndIncrement() : values.length();
        if (slot >= values.length()) slot = ThreadLocalRandom.current().nextInt(values.length());
        values.lazySet(slot, value);
    }

    @Override
    public Snapshot getSnapshot() {
        long[] copy = new long[size()];
        for (int i = 0; i < copy.length; i++) copy[i] = values.get(i);
        return new UniformSnapshot(copy);
    }
}
