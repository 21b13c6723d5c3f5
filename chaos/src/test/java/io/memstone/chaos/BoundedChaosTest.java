package io.memstone.chaos;

import io.memstone.chaos.cluster.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chaos runner in the default suite: 90 s on a real 3-node cluster (about 2.5 minutes in
 * all) with the leader killed, paused and (as root with iptables) partitioned away, while
 * clients run the register, counter and set workloads. Every checker must say valid; the
 * report is left in target/chaos-bounded.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class BoundedChaosTest {
    @Test
    void historiesStayValidUnderLeaderFaults() throws Exception {
        Path dir = Files.createTempDirectory("memstone-chaos-");
        try (LocalBackend cluster = new LocalBackend(dir, 3)) {
            BoundedChaos.runAndCheck(cluster, Duration.ofSeconds(90), List.of("register", "counter", "set"),
                    Path.of("target", "chaos-bounded"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
