package io.memstone.chaos;

import io.memstone.chaos.cluster.DockerBackend;
import io.memstone.chaos.cluster.LocalBackend;
import io.memstone.deploy.MemstoneImage;
import io.memstone.deploy.Skip;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chaos runner on the Docker backend: 60 s on a 3-node cluster of containers (the image
 * built from this build's jar on a local base) with the leader's container killed, paused and
 * (as root) cut off by iptables in the containers' namespaces, while clients run the register
 * and set workloads. Every checker must say valid; the report and the nodes' logs are left in
 * target/chaos-docker. Skipped, with the reason, where no Docker engine can run.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DockerChaosTest {
    @Test
    void historiesStayValidUnderLeaderFaultsInContainers() throws Exception {
        Skip.unless("DockerChaosTest", MemstoneImage.unavailable());
        String image = MemstoneImage.build();
        Skip.unless("DockerChaosTest", DockerBackend.unavailable(image));

        // The nodes' data lives in their containers; only the cluster's config and the logs land here.
        Path report = Path.of("target", "chaos-docker");
        try (DockerBackend cluster = new DockerBackend(report.resolve("cluster"), 3, image, LocalBackend.FREQUENT_SNAPSHOTS)) {
            BoundedChaos.runAndCheck(cluster, Duration.ofSeconds(60), List.of("register", "set"), report);
        }
    }
}
