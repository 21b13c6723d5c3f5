package io.memstone.gateway;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis' latency monitor: per event ({@code command}, {@code fast-command}), the latencies of
 * at least {@code latency-monitor-threshold} ms (0 disables it), one sample per second (the
 * highest of that second), the last 160 seconds that had one, and the highest ever.
 */
final class LatencyMonitor {
    static final int SAMPLES = 160;

    record Sample(long timeSeconds, long millis) {}

    record Latest(String event, Sample last, long maxMillis) {}

    private static final class Series {
        /** The newest {@link #SAMPLES} samples, oldest first. */
        final ArrayDeque<Sample> samples = new ArrayDeque<>();
        long max;
    }

    private final Map<String, Series> events = new LinkedHashMap<>();
    private volatile long thresholdMillis;

    void configure(long thresholdMillis) {
        this.thresholdMillis = thresholdMillis;
    }

    /** Records the latency when the monitor is on and it reached the threshold. */
    void offer(String event, long millis, long nowMs) {
        long threshold = thresholdMillis;
        if (threshold > 0 && millis >= threshold) add(event, millis, nowMs / 1000);
    }

    synchronized void add(String event, long millis, long nowSeconds) {
        Series s = events.computeIfAbsent(event, e -> new Series());
        s.max = Math.max(s.max, millis);
        Sample last = s.samples.peekLast();
        if (last != null && last.timeSeconds() == nowSeconds) {
            if (millis > last.millis()) {
                s.samples.pollLast();
                s.samples.addLast(new Sample(nowSeconds, millis));
            }
            return;
        }
        s.samples.addLast(new Sample(nowSeconds, millis));
        if (s.samples.size() > SAMPLES) s.samples.pollFirst();
    }

    synchronized List<Latest> latest() {
        List<Latest> out = new ArrayList<>();
        events.forEach((event, s) -> out.add(new Latest(event, s.samples.peekLast(), s.max)));
        return out;
    }

    /** The event's samples, oldest first; empty for an event never seen. */
    synchronized List<Sample> history(String event) {
        Series s = events.get(event);
        return s == null ? List.of() : new ArrayList<>(s.samples);
    }

    /** Forgets the given events (all when none given); returns how many existed. */
    synchronized int reset(List<String> names) {
        if (names.isEmpty()) {
            int n = events.size();
            events.clear();
            return n;
        }
        int n = 0;
        for (String e : names) {
            if (events.remove(e) != null) n++;
        }
        return n;
    }
}
