package io.memstone.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Memstone image the Docker tests run, built as README.md's "Docker" section says where no
 * registry can be reached: the base image from deploy/base-image.sh (debootstrap, Debian's JRE),
 * and deploy/Dockerfile with the release tarball this build made (node/target/memstone-VERSION.tar.gz). Built once
 * per test JVM.
 */
public final class MemstoneImage {
    public static final String TAG = "memstone:test";
    private static final String BASE = "memstone-base:bookworm";
    private static boolean built;

    private MemstoneImage() {}

    /** Why the Docker tests cannot run here, or null when they can. */
    public static String unavailable() throws InterruptedException {
        try {
            Commands.run(Duration.ofSeconds(30), List.of("docker", "version", "--format", "{{.Server.Version}}"));
        } catch (IOException e) {
            return "no Docker engine reachable (apt-get install -y docker.io, then start dockerd): " + firstOutputLine(e.getMessage());
        }
        try (var built = Files.list(root().resolve("node/target"))) {
            if (built.noneMatch(f -> f.getFileName().toString().matches("memstone-.*\\.tar\\.gz"))) {
                return "node/target/memstone-VERSION.tar.gz is not built (mvn package)";
            }
        } catch (IOException noTarget) {
            return "node/target is not built (mvn package)";
        }
        try {
            Commands.run(Duration.ofSeconds(30), List.of("docker", "image", "inspect", BASE));
        } catch (IOException noBaseImage) {
            if (!Files.isExecutable(Path.of("/usr/sbin/debootstrap"))) {
                return BASE + " is missing and debootstrap, which deploy/base-image.sh needs, is not installed";
            }
        }
        return null;
    }

    /** Builds the base image when it is missing and the Memstone image from this build's jar; returns its tag. */
    public static synchronized String build() throws IOException, InterruptedException {
        if (built) return TAG;
        Path root = root();
        Commands.run(Duration.ofMinutes(10), root, Map.of(), List.of("deploy/base-image.sh", BASE));
        // The classic builder: BuildKit needs the buildx plugin, which Debian's docker.io lacks.
        Commands.run(Duration.ofMinutes(5), root, Map.of("DOCKER_BUILDKIT", "0"), List.of("docker", "build", "-q",
                "-f", "deploy/Dockerfile", "-t", TAG, "--build-arg", "PREBUILT_RELEASE=true",
                "--build-arg", "BUILD_IMAGE=" + BASE, "--build-arg", "RUNTIME_IMAGE=" + BASE, "."));
        // the build stage's image, and the previous test image, now untagged
        Commands.run(Duration.ofMinutes(1), List.of("docker", "image", "prune", "-f", "--filter", "label=io.memstone.image"));
        built = true;
        return TAG;
    }

    /** The repository's root (tests run in their module's directory). */
    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("deploy/Dockerfile"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("deploy/Dockerfile not found above " + Path.of("").toAbsolutePath());
        return p;
    }

    /** The first line the command printed (the message's first line names the command). */
    private static String firstOutputLine(String message) {
        return message.lines().skip(1).filter(l -> !l.isBlank()).findFirst().orElse(message);
    }
}
