package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code memstone demo} as a user runs it: it says ready, and Ctrl-C (SIGTERM) stops every node it started. */
@Timeout(240)
class DemoLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void stoppingTheDemoStopsEveryNodeItStarted() throws Exception {
        int base = LocalCluster.freeBasePort(List.of("127.0.0.1", "127.0.0.1", "127.0.0.1"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo",
                "--base-port", Integer.toString(base), "--data", dir.resolve("data").toString(), "--shards", "1")
                .redirectErrorStream(true).start();
        List<ProcessHandle> nodes;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("Cluster ready"));
            assertTrue(line != null, "the demo said Cluster ready before it ended");
            // The demo's children are its node processes (LocalCluster starts one JVM per node).
            nodes = demo.children().toList();
            assertEquals(3, nodes.size(), "three node processes");
            demo.destroy();
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "the demo exits on SIGTERM");
        } finally {
            // Whatever failed above, nothing of the demo is left running.
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
        for (ProcessHandle node : nodes) {
            node.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(node.isAlive(), "node " + node.pid() + " stopped with the demo");
        }
    }
}
