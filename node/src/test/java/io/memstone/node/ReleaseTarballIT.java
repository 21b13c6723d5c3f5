package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.command.Slots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The release as an operator gets it: target/memstone-VERSION.tar.gz, unpacked, runs a 3-node
 * cluster from its conf/ examples (ports and directories moved to free ones) through bin/memstone,
 * and every gateway writes and reads every shard. Run by failsafe, after package built it.
 */
@Timeout(300)
class ReleaseTarballIT {
    @TempDir
    Path dir;
    private final List<Process> nodes = new ArrayList<>();

    @Test
    void theTarballsExampleConfigsRunAThreeNodeClusterThroughBinMemstone() throws Exception {
        Path home = unpack();
        assertTrue(run(home, "--version").startsWith("memstone " + System.getProperty("memstone.version", "")),
                "bin/memstone --version names the release");
        int base = LocalCluster.freeBasePort(List.of("127.0.0.1", "127.0.0.1", "127.0.0.1"));
        AdminToken.generate(dir.resolve("admin.token"));
        for (int i = 1; i <= 3; i++) {
            Path conf = home.resolve("conf/n" + i + ".properties");
            Files.writeString(conf, relocated(Files.readString(conf), base, i));
            nodes.add(new ProcessBuilder(home.resolve("bin/memstone").toString(), "node", "--config", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("n" + i + ".log").toFile()).start());
        }
        List<String> keys = new ArrayList<>();
        TestCluster.await("three shards in CLUSTER SLOTS", () -> {
            try (Jedis j = new Jedis("127.0.0.1", base)) {
                keys.clear();
                for (Object range : j.clusterSlots()) {
                    List<?> r = (List<?>) range;
                    keys.add(keyIn((Long) r.get(0), (Long) r.get(1)));
                }
                return keys.size() == 3;
            }
        });
        for (int gateway = 0; gateway < 3; gateway++) {
            int port = base + gateway;
            for (String key : keys) {
                String value = "through-" + gateway;
                TestCluster.await("SET " + key + " through gateway " + gateway, () -> {
                    try (Jedis j = new Jedis("127.0.0.1", port)) {
                        return "OK".equals(j.set(key, value));
                    }
                });
            }
        }
        for (int gateway = 0; gateway < 3; gateway++) {
            try (Jedis j = new Jedis("127.0.0.1", base + gateway)) {
                for (String key : keys) assertEquals("through-2", j.get(key), "GET " + key + " through gateway " + gateway);
            }
        }
    }

    /** The example config with its ports moved to base.., its data and token into the test's directory. */
    private String relocated(String conf, int base, int node) {
        String out = conf.replace("/var/lib/memstone/n" + node, dir.resolve("data-n" + node).toString())
                .replace("/etc/memstone/admin.token", dir.resolve("admin.token").toString());
        for (int offset : new int[] {0, 1000, 2000, 3000}) {
            for (int i = 0; i < 3; i++) out = out.replace("= " + (6379 + offset + i), "= " + (base + offset + i));
        }
        return out;
    }

    private Path unpack() throws Exception {
        Path tarball;
        try (Stream<Path> built = Files.list(Path.of("target"))) {
            tarball = built.filter(p -> p.getFileName().toString().matches("memstone-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new IOException("no target/memstone-*.tar.gz: run mvn package first"));
        }
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toAbsolutePath().toString(), "-C", dir.toString())
                .inheritIO().start();
        assertEquals(0, tar.waitFor(), "tar xzf " + tarball);
        try (Stream<Path> unpacked = Files.list(dir)) {
            return unpacked.filter(p -> p.getFileName().toString().startsWith("memstone-")).findFirst().orElseThrow();
        }
    }

    private static String run(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/memstone").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    private static String keyIn(long first, long last) {
        for (int n = 0; ; n++) {
            String key = "release:" + n;
            int slot = Slots.slot(key.getBytes(StandardCharsets.UTF_8));
            if (slot >= first && slot <= last) return key;
        }
    }

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (Process p : nodes) p.destroy();
        for (Process p : nodes) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
