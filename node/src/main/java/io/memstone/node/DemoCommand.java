package io.memstone.node;

import io.memstone.raft.LogPayloadMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memstone demo}: a local 3-node, 3-zone cluster as three node processes on 127.0.0.1,
 * running until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a local 3-node, 3-zone cluster (gateways on BASE, BASE+1, BASE+2).")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--base-port", defaultValue = "6379", description = "First gateway port (default ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--data", description = "Data directory (default: a new temporary directory).")
    Path data;

    @Option(names = "--log-payloads", defaultValue = "rocksdb",
            description = "Where log payloads go: rocksdb or segmented (default ${DEFAULT-VALUE}).")
    String logPayloads;

    @Option(names = "--max-in-flight", defaultValue = "1",
            description = "Batches each node's proposer keeps in flight per shard (default ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--shards", defaultValue = "3",
            description = "Shards (Raft groups) the slots are spread over (default ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--jvm-option", description = "An option for every node's JVM, e.g. -Draft.server.log.async-flush.enabled=true"
            + " (Ratis keys as system properties override Memstone's settings); repeatable.")
    List<String> jvmOptions = List.of();

    @Override
    public Integer call() throws Exception {
        Path dir = data != null ? data : Files.createTempDirectory("memstone-demo-");
        LocalCluster cluster = new LocalCluster(dir, basePort, 3, LocalCluster.Settings.DEFAULT
                .withPayloadMode(LogPayloadMode.valueOf(logPayloads.toUpperCase(java.util.Locale.ROOT)))
                .withMaxInFlight(maxInFlight).withShards(shards).withJvmOptions(jvmOptions));
        System.out.println("Memstone demo: data in " + dir);
        cluster.start();
        cluster.awaitServing(Duration.ofSeconds(120));
        String leader = cluster.configs().get(cluster.awaitLeader(Duration.ofSeconds(30))).nodeId();
        System.out.println("Cluster ready: 3 nodes in zones zone-a, zone-b, zone-c; every gateway has written each of the "
                + shards + " shards, each led by its own node where it can (shard-0 by " + leader + ").");
        for (NodeConfig c : cluster.configs()) {
            System.out.printf("  %s (%s): redis-cli -p %d     metrics: http://%s:%d/metrics     log: %s%n", c.nodeId(),
                    c.self().zone(), c.self().respPort(), c.self().host(), c.self().metricsPort(), cluster.logFile(c));
        }
        System.out.println("Connect with: redis-cli -p " + basePort + "    Stop with Ctrl-C.");
        System.out.println("Administer with: ./memstone admin describe --port " + (basePort + 2000)
                + " --token-file " + cluster.tokenFile());
        cluster.awaitExit();
        return 0;
    }
}
