package io.memstone.chaos.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Wall-clock skew for node processes with libfaketime (Debian's faketime package): each node runs
 * with the library preloaded, reading its offset from a file of its own, which {@link #set}
 * rewrites while the node runs (libfaketime re-reads it every second). Monotonic clocks, which
 * Raft's timers use, are left alone: real clock skew does not touch them either.
 *
 * <p>libfaketime 0.9.10 turns its "monotonic fix" on by itself on this glibc: it then wraps
 * {@code pthread_cond_init} and {@code pthread_cond_timedwait}, which the JVM calls all the time,
 * and a JVM under it spends several times the CPU ({@code memstone --help}: 6 to 35 s instead of
 * 0.7 s on a busy machine; nodes never got a leader elected). With the monotonic clock left
 * alone there is nothing for the fix to correct, so it is turned off.
 */
final class FakeClocks {
    private static final Path LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");
    private final Path dir;

    FakeClocks(Path dir) {
        this.dir = dir;
    }

    /** Why clocks cannot be skewed here, or null when they can. */
    static String unavailable() {
        return Files.isReadable(LIBRARY) ? null : "libfaketime not installed (apt-get install -y faketime)";
    }

    /** The command prefix that starts a node under its fake clock, put right first. */
    List<String> launcher(String nodeId) throws IOException {
        set(nodeId, Duration.ZERO);
        return List.of("env", "LD_PRELOAD=" + LIBRARY, "FAKETIME_TIMESTAMP_FILE=" + file(nodeId),
                "FAKETIME_CACHE_DURATION=1", "FAKETIME_DONT_FAKE_MONOTONIC=1", "FAKETIME_FORCE_MONOTONIC_FIX=0");
    }

    void set(String nodeId, Duration offset) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(nodeId + ".faketime.tmp");
        Files.writeString(tmp, (offset.isNegative() ? "" : "+") + offset.toSeconds() + "\n");
        Files.move(tmp, file(nodeId), StandardCopyOption.ATOMIC_MOVE);
    }

    private Path file(String nodeId) {
        return dir.resolve(nodeId + ".faketime");
    }
}
