package io.memstone.gateway;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import java.util.concurrent.TimeUnit;

/**
 * One command's figures, as INFO commandstats/latencystats and Prometheus show them: calls
 * that ran, how many of those answered an error (failed), how many were refused before running
 * (rejected: arity, CROSSSLOT), and how long the calls took, from start to reply. The timer's
 * count is the number of calls, so a call costs one timer update and nothing more.
 */
final class CommandStat {
    private final StatCounter failed;
    private final StatCounter rejected;
    private final SummingTimer latency;
    private volatile long callsBaseline;
    private volatile long nanosBaseline;

    CommandStat(MetricRegistry registry, String command) {
        latency = registry.register(MetricName.of("memstone_command_duration_seconds", "command", command), new SummingTimer());
        registry.register(MetricName.of("memstone_command_calls_total", "command", command), (Gauge<Long>) latency::getCount);
        failed = new StatCounter(registry.counter(MetricName.of("memstone_command_failed_calls_total", "command", command)));
        rejected = new StatCounter(registry.counter(MetricName.of("memstone_command_rejected_calls_total", "command", command)));
    }

    void executed(long nanos, boolean error) {
        if (error) failed.inc();
        latency.update(nanos, TimeUnit.NANOSECONDS);
    }

    void rejected() {
        rejected.inc();
    }

    long calls() {
        return latency.getCount() - callsBaseline;
    }

    /** Calls since the server started (RESETSTAT aside). */
    long totalCalls() {
        return latency.getCount();
    }

    long failed() {
        return failed.sinceReset();
    }

    long rejectedCalls() {
        return rejected.sinceReset();
    }

    long micros() {
        return (latency.totalNanos() - nanosBaseline) / 1000;
    }

    /** The latencies of the most recent calls, in nanoseconds; not reset by RESETSTAT. */
    Snapshot latencies() {
        return latency.getSnapshot();
    }

    /** Whether INFO lists the command: it was called or refused since the last reset. */
    boolean seen() {
        return calls() > 0 || rejectedCalls() > 0;
    }

    void reset() {
        callsBaseline = latency.getCount();
        failed.reset();
        rejected.reset();
        nanosBaseline = latency.totalNanos();
    }
}
