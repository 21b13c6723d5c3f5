package io.memstone.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real redis-server on a free loopback port, in a temp dir, without persistence: the
 * reference that differential tests compare Memstone against. Fails loudly when redis-server
 * is not installed (CI installs it); a differential test must never skip silently.
 */
public final class RedisServerProcess implements AutoCloseable {
    /** Where to find the binary: $MEMSTONE_REDIS_SERVER, else /usr/bin/redis-server. */
    public static final String BINARY = System.getenv().getOrDefault("MEMSTONE_REDIS_SERVER", "/usr/bin/redis-server");
    /** The RDB file in {@link #dir}: SAVE writes it, {@link #loading} puts one there to load. */
    public static final String DUMP_FILE = "dump.rdb";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path dir;
    private final int port;

    private RedisServerProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static RedisServerProcess start() {
        return start(null, List.of());
    }

    /** A redis-server that loads {@code rdbFile} (copied into its dir as dump.rdb) at start. */
    public static RedisServerProcess loading(Path rdbFile) {
        return start(rdbFile, List.of());
    }

    /** A redis-server with more command-line options, such as {@code --enable-debug-command yes}. */
    public static RedisServerProcess withOptions(String... options) {
        return start(null, List.of(options));
    }

    private static RedisServerProcess start(Path rdbFile, List<String> options) {
        if (!new File(BINARY).canExecute()) {
            throw new IllegalStateException("redis-server not found at " + BINARY
                    + ": install it (apt-get install redis-server) or set MEMSTONE_REDIS_SERVER");
        }
        try {
            Path dir = Files.createTempDirectory("memstone-redis-");
            if (rdbFile != null) Files.copy(rdbFile, dir.resolve(DUMP_FILE));
            int port = freePort();
            List<String> command = new java.util.ArrayList<>(List.of(BINARY, "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--dbfilename", DUMP_FILE));
            command.addAll(options);
            ProcessBuilder builder = new ProcessBuilder(command);
            // SORT ALPHA collates with strcoll: Memstone collates as the C locale does.
            builder.environment().put("LC_ALL", "C");
            Process p = builder
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
            RedisServerProcess server = new RedisServerProcess(p, dir, port);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public RawRespClient connect() {
        return RawRespClient.connect("127.0.0.1", port);
    }

    /** Until PING answers; fails at once, with redis-server's log, if the process exits. */
    private void awaitReady() {
        try {
            org.awaitility.Awaitility.await("redis-server on port " + port).atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20))
                    .failFast("redis-server exited at start", () -> !process.isAlive())
                    .ignoreException(UncheckedIOException.class)
                    .until(this::answersPing);
        } catch (RuntimeException | Error e) {
            String log = readLog();
            close();
            throw new IllegalStateException("redis-server did not start on port " + port + ": " + log, e);
        }
    }

    private boolean answersPing() {
        try (RawRespClient c = connect()) {
            return c.callString("PING").equals("+PONG\r\n");
        }
    }

    private String readLog() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // A leftover temp dir is harmless.
        }
    }
}
