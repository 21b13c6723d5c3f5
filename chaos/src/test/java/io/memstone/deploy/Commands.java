package io.memstone.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the docker and docker-compose command lines for the tests, each bounded in time. */
public final class Commands {
    private Commands() {}

    /** Runs the command in the directory with these extra environment variables; returns its output, or fails with it. */
    public static String run(Duration timeout, Path dir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        // Read while it runs: a full pipe would stop it.
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes()));
            } catch (IOException ignored) {
                // the process was killed; what was read is kept
            }
        });
        reader.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            reader.join();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeout + ":\n" + out);
        }
        reader.join();
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with status " + p.exitValue() + ":\n" + out);
        }
        return out.toString();
    }

    public static String run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        return run(timeout, Path.of("."), Map.of(), command);
    }
}
