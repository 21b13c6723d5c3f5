package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.proto.admin.AdminServiceGrpc;
import io.memstone.proto.admin.GroupStatus;
import io.memstone.proto.admin.HealthReply;
import io.memstone.raft.LogPayloadMode;
import io.memstone.raft.LogRetention;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;

/** A real 3-node cluster of separate JVMs on free loopback ports, removed with its data on close. */
final class TestCluster implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern SAMPLE = Pattern.compile("^(\\S+?)(\\{.*})? (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final LocalCluster nodes;
    final Path dir;
    final int basePort;

    TestCluster(LogPayloadMode mode) throws IOException, InterruptedException {
        this(mode, LogRetention.DEFAULT);
    }

    TestCluster(LogPayloadMode mode, LogRetention retention) throws IOException, InterruptedException {
        this(LocalCluster.Settings.DEFAULT.withPayloadMode(mode).withRetention(retention));
    }

    TestCluster(LocalCluster.Settings settings) throws IOException, InterruptedException {
        this(3, settings);
    }

    /** {@code size} nodes in zones a, b, c, a, b, c..., started and serving. */
    TestCluster(int size, LocalCluster.Settings settings) throws IOException, InterruptedException {
        this(size, settings, true);
    }

    private TestCluster(int size, LocalCluster.Settings settings, boolean start) throws IOException, InterruptedException {
        dir = Files.createTempDirectory("memstone-test-");
        // Room for two more nodes, which membership tests start (LocalCluster.addNode).
        basePort = LocalCluster.freeBasePort(Collections.nCopies(size + 2, "127.0.0.1"));
        nodes = new LocalCluster(dir, basePort, size, settings);
        if (!start) return;
        try {
            nodes.start();
            nodes.awaitServing(TIMEOUT);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close(); // no caller will: the processes must not outlive a failed start
            throw e;
        }
    }

    /** A cluster whose nodes the test starts itself ({@code nodes.start(i)}). */
    static TestCluster unstarted(int size, LocalCluster.Settings settings) throws IOException, InterruptedException {
        return new TestCluster(size, settings, false);
    }

    int respPort(int node) {
        return basePort + node;
    }

    Jedis jedis(int node) {
        return new Jedis("127.0.0.1", respPort(node), 10_000);
    }

    /** Node i's admin service, with the cluster's token and a deadline that bounds the call. */
    AdminServiceGrpc.AdminServiceBlockingStub admin(int node) {
        return nodes.admin(node).withDeadlineAfter(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    GroupStatus shardStatus(int node) {
        HealthReply h = nodes.health(nodes.configs().get(node), true);
        return h == null ? null : h.getGroups(0);
    }

    /**
     * Waits until, for every shard, every replica reports the same applied index and keyspace
     * digest, and checks that the digests are of a non-empty keyspace (an empty one would prove
     * nothing).
     */
    void awaitReplicasIdentical() {
        await("replicas to converge", () -> IntStream.range(0, 3).mapToObj(this::shardViews).distinct().count() == 1);
        long keys = shardViews(0).stream().mapToLong(GroupStatus::getKeys).sum();
        assertTrue(keys > 0, "digests compared over a non-empty keyspace");
    }

    /** Node i's shard groups (applied index, digest, keys), for comparison across replicas. */
    private List<GroupStatus> shardViews(int node) {
        HealthReply h = nodes.health(nodes.configs().get(node), true);
        return h.getGroupsList().stream().filter(g -> g.getGroupId().startsWith("shard-"))
                .map(g -> g.toBuilder().clearRole().clearLeaderId().clearTerm().clearCommitIndex().build()).toList();
    }

    /** Every sample of node i's /metrics, by series (name and labels). */
    Map<String, Double> metrics(int node) throws IOException, InterruptedException {
        int port = nodes.configs().get(node).self().metricsPort();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("#") || line.isEmpty()) continue;
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "a sample line: " + line);
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    /** The nodes' logs outlive the cluster in target/cluster-logs/, to read after a failure. */
    private void keepLogs() throws IOException {
        Path kept = Files.createDirectories(Path.of("target", "cluster-logs", dir.getFileName().toString()));
        for (NodeConfig c : nodes.configs()) {
            Path log = nodes.logFile(c);
            if (Files.exists(log)) Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Waits (bounded) until the condition holds; fails naming what was awaited. */
    static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(condition);
    }

    @Override
    public void close() throws IOException {
        nodes.close();
        keepLogs();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
