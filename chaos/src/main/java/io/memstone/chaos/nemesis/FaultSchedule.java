package io.memstone.chaos.nemesis;

import io.memstone.chaos.cluster.ChaosCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Alternates quiet periods and faults: {@code quiet}, then the next nemesis (in turn) for
 * {@code fault}, healed, and so on until {@link #stop}. Every fault is healed, also when the
 * schedule is stopped in the middle of one or a nemesis fails.
 */
public final class FaultSchedule {
    private final ChaosCluster cluster;
    private final List<Nemesis> nemeses;
    private final Duration quiet;
    private final Duration fault;
    private final Random random;
    private final long origin;
    private final List<FaultWindow> windows = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final Thread thread = new Thread(this::run, "chaos-nemesis");
    /**
     * Counted down by {@link #stop}, which wakes the schedule through it rather than by an interrupt:
     * an interrupt would break an engine call in the middle of injecting or healing a fault (the
     * Docker client's channels close when their thread is interrupted).
     */
    private final CountDownLatch stopped = new CountDownLatch(1);

    public FaultSchedule(ChaosCluster cluster, List<Nemesis> nemeses, Duration quiet, Duration fault, Random random, long origin) {
        this.cluster = cluster;
        this.nemeses = nemeses;
        this.quiet = quiet;
        this.fault = fault;
        this.random = random;
        this.origin = origin;
    }

    public void start() {
        if (!nemeses.isEmpty()) thread.start();
    }

    /** Stops injecting, heals the fault in place, and returns when done. */
    public void stop() throws InterruptedException {
        stopped.countDown();
        thread.join();
    }

    public synchronized List<FaultWindow> windows() {
        return List.copyOf(windows);
    }

    /** Nemesis operations that failed (the run goes on). */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    private void run() {
        for (int i = 0; stopped.getCount() > 0; i++) {
            if (!sleep(quiet)) return;
            Nemesis nemesis = nemeses.get(i % nemeses.size());
            Fault f;
            try {
                f = nemesis.inject(cluster, random);
            } catch (Exception e) {
                error(nemesis.name() + " failed: " + e);
                continue;
            }
            // From when the fault is in place: finding the leader can take a while on a busy machine.
            long start = now();
            sleep(fault);
            try {
                f.heal();
            } catch (Exception e) {
                error("healing " + f.description() + " failed: " + e);
            }
            synchronized (this) {
                windows.add(new FaultWindow(nemesis.name(), f.description(), f.hitLeader(), start, now()));
            }
        }
    }

    /** Sleeps unless stopped; returns false when stopped. */
    private boolean sleep(Duration d) {
        try {
            return !stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized void error(String what) {
        errors.add(what);
    }

    private long now() {
        return System.nanoTime() - origin;
    }
}
