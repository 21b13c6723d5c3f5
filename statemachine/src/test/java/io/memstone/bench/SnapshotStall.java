package io.memstone.bench;

import static io.memstone.bench.Commands.argv;
import static io.memstone.bench.Commands.command;

import io.memstone.engine.Engine;
import io.memstone.engine.EngineSnapshot;
import io.memstone.engine.SnapshotCapture;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * How long a write waits while a snapshot of a large keyspace is written: one thread applies
 * single-SET log entries under the engine lock as fast as it can, first with no snapshot, then
 * while a copy-on-write snapshot is written in the background, then while the whole snapshot
 * is serialized under the lock (what a stop-the-world snapshot costs). Prints a Markdown table
 * for BENCHMARKS.md, with the longest GC pause of each phase (a write's wait includes those).
 * Run by deploy/engine-bench.sh stall.
 */
public final class SnapshotStall {
    private static final int KEYS = 2_000_000;

    private final Engine engine = new Engine();
    private final Object lock = new Object();
    private final Random random = new Random(5);
    private final Path file;
    private final GcPauses gcPauses = new GcPauses();
    private double captureMillis;
    private long longestHoldNanos;
    private double writeSeconds;

    private SnapshotStall(Path file) {
        this.file = file;
    }

    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("memstone-stall-", ".snapshot");
        try {
            new SnapshotStall(file).run();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void run() throws Exception {
        Commands.load(engine, EngineBenchmark.commands(KEYS,
                i -> command(argv("set", EngineBenchmark.key(i), EngineBenchmark.value(i)))));
        System.out.printf("%,d keys (16 B keys, 32 B values)%n%n", KEYS);
        System.out.println("| snapshot | writes | p50 µs | p99 µs | max ms | longest GC pause ms |");
        System.out.println("|---|---|---|---|---|---|");
        measure("no snapshot", 5_000, () -> { });
        measure("copy-on-write, in the background", 0, this::backgroundSnapshot);
        measure("whole snapshot under the lock", 0, this::stopTheWorldSnapshot);
        System.out.printf("%nsnapshot file: %,d bytes; the background snapshot took %.1f s, held the lock %.3f ms"
                + " to capture, then at most %.3f ms per chunk%n", Files.size(file), writeSeconds, captureMillis,
                longestHoldNanos / 1e6);
    }

    /** Applies writes until {@code snapshot} has finished (or for {@code millis} without one). */
    private void measure(String label, long millis, Runnable snapshot) {
        long[] latencies = new long[20_000_000];
        int n = 0;
        long end = System.currentTimeMillis() + millis;
        gcPauses.reset();
        CompletableFuture<Void> done = CompletableFuture.runAsync(snapshot);
        while (!done.isDone() || System.currentTimeMillis() < end) {
            CommandBatch entry = Commands.batch(List.of(randomSet()), n);
            long started = System.nanoTime();
            synchronized (lock) {
                engine.apply(entry);
            }
            latencies[n++] = System.nanoTime() - started;
        }
        done.join();
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.printf("| %s | %,d | %.1f | %.1f | %.1f | %d |%n", label, n,
                sorted[n / 2] / 1e3, sorted[(int) (n * 0.99)] / 1e3, sorted[n - 1] / 1e6, gcPauses.longestMillis());
    }

    private Command randomSet() {
        int i = random.nextInt(KEYS);
        return command(argv("set", EngineBenchmark.key(i), EngineBenchmark.value(i + 1)));
    }

    private void backgroundSnapshot() {
        SnapshotCapture capture;
        long started;
        synchronized (lock) {
            started = System.nanoTime();
            capture = engine.captureSnapshot();
            captureMillis = (System.nanoTime() - started) / 1e6;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            longestHoldNanos = EngineSnapshot.write(capture, lock, "stall", 1, 1, out).longestHoldNanos();
            writeSeconds = (System.nanoTime() - started) / 1e9;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            synchronized (lock) {
                capture.release();
            }
        }
    }

    private void stopTheWorldSnapshot() {
        try (OutputStream out = Files.newOutputStream(file)) {
            synchronized (lock) {
                EngineSnapshot.write(engine, "stall", 1, 1, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
