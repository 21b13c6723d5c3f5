package io.memstone.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memstone.chaos.cluster.BridgeRoute;
import io.memstone.node.admin.AdminChannels;
import io.memstone.proto.admin.DescribeClusterReply;
import io.memstone.proto.admin.DescribeClusterRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The deployment of deploy/, for real: the image built on a local base, deploy/docker-compose.yml's
 * 3-node, 3-zone cluster brought up (on an internal network: docker-compose.internal.yml), writes
 * through every gateway, the admin service answering with the token the operator provided
 * (MEMSTONE_ADMIN_TOKEN_FILE), the leader's container killed, and every acknowledged write read
 * back through the other two. Everything the project made (containers, network, volumes, the
 * token file) is removed at the end, also on failure. Skipped, with the reason, where no Docker engine can run.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ComposeClusterTest {
    private static final List<String> NODES = List.of("n1", "n2", "n3");
    private static final int WRITES_PER_GATEWAY = 200;
    private static final Duration FAILOVER = Duration.ofMinutes(2);

    @Test
    void acknowledgedWritesSurviveKillingTheLeadersContainer() throws Exception {
        String unavailable = MemstoneImage.unavailable();
        Skip.unless("ComposeClusterTest", unavailable != null ? unavailable : composeUnavailable());

        // The operator's token: readable by the containers' user (uid 10001), outside the source tree.
        Path tokenFile = Files.createTempFile("memstone-test-token-", "");
        Files.writeString(tokenFile, "compose-test-" + UUID.randomUUID() + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));
        Compose compose = new Compose("memstone-test-" + UUID.randomUUID().toString().substring(0, 8), MemstoneImage.build(), tokenFile);
        try {
            compose.run("up", "-d", "--no-build");
            Map<String, HostAndPort> gateways = new LinkedHashMap<>();
            for (String node : NODES) gateways.put(node, new HostAndPort(compose.address(node), 6379));
            try (AdminChannels admin = new AdminChannels(Files.readString(tokenFile).trim())) {
                DescribeClusterReply cluster = await().atMost(FAILOVER).ignoreExceptions().until(() -> admin
                        .blocking(compose.address("n2"), 8379).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .describeCluster(DescribeClusterRequest.getDefaultInstance()), d -> d.getNodesCount() == NODES.size());
                assertEquals(3, cluster.getShardsCount(), "the admin service takes the operator's token: " + cluster);
            }

            Map<String, String> acknowledged = new LinkedHashMap<>();
            for (Map.Entry<String, HostAndPort> g : gateways.entrySet()) {
                awaitWrite(g.getValue(), "ready-" + g.getKey());
                try (Jedis jedis = connect(g.getValue())) {
                    for (int i = 0; i < WRITES_PER_GATEWAY; i++) {
                        String key = "key-" + g.getKey() + "-" + i;
                        if ("OK".equals(jedis.set(key, "value-" + i))) acknowledged.put(key, "value-" + i);
                    }
                }
            }
            assertEquals(NODES.size() * WRITES_PER_GATEWAY, acknowledged.size(), "every write on a healthy cluster is acknowledged");

            String leader;
            try (Jedis jedis = connect(gateways.get("n1"))) {
                leader = field(jedis.info("raft"), "raft_leader_id");
            }
            compose.run("kill", leader);

            for (String node : NODES) {
                if (node.equals(leader)) continue;
                awaitWrite(gateways.get(node), "after-" + node);
                // The killed node led one of the shards: reads of its keys wait for a new leader.
                Map<String, String> read = await().atMost(FAILOVER).ignoreExceptions()
                        .until(() -> readAll(gateways.get(node), acknowledged.keySet()), all -> true);
                for (Map.Entry<String, String> w : acknowledged.entrySet()) {
                    assertEquals(w.getValue(), read.get(w.getKey()), w.getKey() + " read through " + node + " after " + leader + " was killed");
                }
            }
        } catch (Exception | AssertionError e) {
            System.out.println("ComposeClusterTest: the nodes' last log lines:\n" + compose.logs());
            throw e;
        } finally {
            compose.run("down", "--volumes", "--remove-orphans", "--timeout", "5");
            Files.delete(tokenFile);
        }
    }

    /** Waits until a write through the gateway is acknowledged (the node is up and the shard has a leader). */
    private static void awaitWrite(HostAndPort gateway, String key) {
        await().atMost(FAILOVER).ignoreExceptions().until(() -> {
            try (Jedis jedis = connect(gateway)) {
                return "OK".equals(jedis.set(key, "1"));
            }
        });
    }

    /** Every key's value through one connection; fails (to be tried again) if any read fails. */
    private static Map<String, String> readAll(HostAndPort gateway, java.util.Set<String> keys) {
        Map<String, String> values = new LinkedHashMap<>();
        try (Jedis jedis = connect(gateway)) {
            for (String k : keys) values.put(k, jedis.get(k));
        }
        return values;
    }

    private static Jedis connect(HostAndPort gateway) {
        return new Jedis(gateway, DefaultJedisClientConfig.builder().socketTimeoutMillis(10_000).build());
    }

    private static String field(String info, String name) {
        return info.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1).trim())
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in INFO: " + info));
    }

    private static String composeUnavailable() throws InterruptedException {
        try {
            Commands.run(Duration.ofSeconds(30), List.of("docker-compose", "version"));
            return null;
        } catch (IOException e) {
            return "docker-compose does not run (apt-get install -y docker-compose): " + e.getMessage();
        }
    }

    /** docker-compose on deploy/'s files, as one project of its own, on an internal network. */
    private record Compose(String project, String image, Path tokenFile) {
        String run(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("docker-compose", "--ansi", "never", "-p", project,
                    "-f", "docker-compose.yml", "-f", "docker-compose.internal.yml"));
            command.addAll(List.of(args));
            return Commands.run(Duration.ofMinutes(2), deploy(), Map.of("MEMSTONE_IMAGE", image, "MEMSTONE_ADMIN_TOKEN_FILE", tokenFile.toString()), command);
        }

        /** The node's address on the project's network, which the host reaches over the bridge. */
        String address(String node) throws IOException, InterruptedException {
            String container = run("ps", "-q", node).trim();
            String address = docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container);
            BridgeRoute.require(address, docker("network", "inspect", "-f", "{{.Id}}", project + "_memstone"));
            return address;
        }

        String logs() {
            try {
                return run("logs", "--tail", "30");
            } catch (IOException | InterruptedException e) {
                return "(no logs: " + e.getMessage() + ")";
            }
        }

        private static String docker(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("docker"));
            command.addAll(List.of(args));
            return Commands.run(Duration.ofSeconds(30), command).trim();
        }

        private static Path deploy() {
            return MemstoneImage.root().resolve("deploy");
        }
    }
}
