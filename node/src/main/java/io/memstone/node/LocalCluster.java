package io.memstone.node;

import io.memstone.node.admin.AdminChannels;
import io.memstone.proto.admin.AdminServiceGrpc;
import io.memstone.proto.admin.DescribeClusterReply;
import io.memstone.proto.admin.DescribeClusterRequest;
import io.memstone.proto.admin.ShardView;
import io.memstone.proto.admin.HealthReply;
import io.memstone.proto.admin.HealthRequest;
import io.memstone.raft.LogPayloadMode;
import io.memstone.raft.LogRetention;
import io.memstone.raft.ShardGroups;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * N node processes on loopback in zones zone-a, zone-b, zone-c, zone-a...: node i's gateway
 * listens on basePort + i, its Raft server on basePort + 1000 + i, its admin service on
 * basePort + 2000 + i, its metrics on basePort + 3000 + i, all on 127.0.0.1 or on node i's own
 * address. Shard i prefers node i mod N as its leader. Used by {@code memstone demo}; tests and
 * the chaos runner start the same processes. The nodes share a new admin token ({@link #tokenFile}).
 */
public final class LocalCluster implements AutoCloseable {
    private final Path dir;
    private final Thread exitGuard = new Thread(this::stopNodes, "local-cluster-exit");
    private final int basePort;
    private final Settings settings;
    private final AdminToken token;
    private final AdminChannels admin;
    private final List<NodeConfig> configs = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final int shards;

    /** What every node of the cluster is configured with; {@code jvmOptions} go to every node's JVM. */
    public record Settings(LogPayloadMode payloadMode, int maxInFlight, int shards, LogRetention retention,
                           List<String> jvmOptions) {
        public static final Settings DEFAULT = new Settings(LogPayloadMode.ROCKSDB, 1, 3, LogRetention.DEFAULT, List.of());

        public Settings withPayloadMode(LogPayloadMode m) {
            return new Settings(m, maxInFlight, shards, retention, jvmOptions);
        }

        public Settings withMaxInFlight(int k) {
            return new Settings(payloadMode, k, shards, retention, jvmOptions);
        }

        public Settings withShards(int n) {
            return new Settings(payloadMode, maxInFlight, n, retention, jvmOptions);
        }

        public Settings withRetention(LogRetention r) {
            return new Settings(payloadMode, maxInFlight, shards, r, jvmOptions);
        }

        public Settings withJvmOptions(List<String> options) {
            return new Settings(payloadMode, maxInFlight, shards, retention, List.copyOf(options));
        }
    }

    public LocalCluster(Path dir, int basePort, int nodes, Settings settings) throws IOException {
        this(dir, basePort, Collections.nCopies(nodes, "127.0.0.1"), settings);
    }

    /** One node per host (loopback addresses such as 127.0.0.11, so traffic between nodes can be told apart). */
    public LocalCluster(Path dir, int basePort, List<String> hosts, Settings settings) throws IOException {
        this.dir = dir;
        this.basePort = basePort;
        this.settings = settings;
        // Nodes must not outlive the JVM that started them (a test run stopped, demo's Ctrl-C).
        Runtime.getRuntime().addShutdownHook(exitGuard);
        this.shards = settings.shards();
        Files.createDirectories(dir);
        this.token = AdminToken.generate(tokenFile());
        this.admin = new AdminChannels(token.read().orElseThrow());
        List<NodeConfig.Member> members = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) members.add(member(i, hosts.get(i)));
        for (NodeConfig.Member m : members) add(m, members, false);
    }

    /** Node i: n(i+1) in zone-(a, b, c, a...), its ports at base + i, + 1000 + i, + 2000 + i, + 3000 + i. */
    private NodeConfig.Member member(int i, String host) {
        return new NodeConfig.Member("n" + (i + 1), "zone-" + (char) ('a' + i % 3), host,
                basePort + i, basePort + 1000 + i, basePort + 2000 + i, basePort + 3000 + i);
    }

    private void add(NodeConfig.Member m, List<NodeConfig.Member> peers, boolean join) {
        configs.add(new NodeConfig(m.id(), dir.resolve(m.id()), settings.payloadMode(), settings.maxInFlight(), 1024,
                settings.shards(), List.copyOf(peers), settings.retention(), token, join));
        processes.add(null);
    }

    /**
     * A further node (the next id, zone and ports) that knows the cluster's nodes and itself, and
     * waits, once started, to be added by an admin call (AddNode or ReplaceNode); returns its index.
     */
    public int addNode(String host) throws IOException {
        int i = configs.size();
        if (!allFree(basePort, i, host)) throw new IOException("the ports of a node " + (i + 1) + " at " + basePort + " are taken");
        List<NodeConfig.Member> peers = new ArrayList<>(configs.stream().map(NodeConfig::self).toList());
        NodeConfig.Member m = member(i, host);
        peers.add(m);
        add(m, peers, true);
        return i;
    }

    public List<NodeConfig> configs() {
        return configs;
    }

    /** The admin token every node of this cluster accepts. */
    public Path tokenFile() {
        return dir.resolve("admin.token");
    }

    public Path logFile(NodeConfig c) {
        return dir.resolve(c.nodeId() + ".log");
    }

    public void start() throws IOException {
        for (int i = 0; i < configs.size(); i++) start(i);
    }

    /** Node i's admin address, host:port (what AddNode and ReplaceNode take). */
    public String adminAddress(int i) {
        NodeConfig.Member m = configs.get(i).self();
        return m.host() + ":" + m.adminPort();
    }

    /** Starts node i's process (again, after {@link #kill}); its data directory is kept. */
    public void start(int i) throws IOException {
        start(i, List.of());
    }

    /**
     * Starts node i's process with a command in front of java (e.g. {@code setpriv} or
     * {@code faketime}, which exec it, so the process is still the node's).
     */
    public void start(int i, List<String> commandPrefix) throws IOException {
        NodeConfig c = configs.get(i);
        Files.createDirectories(c.dataDir());
        Path configFile = dir.resolve(c.nodeId() + ".properties");
        try (Writer w = Files.newBufferedWriter(configFile)) {
            c.toProperties().store(w, "memstone node " + c.nodeId());
        }
        // RocksDB unpacks its native library into the temp dir and a killed node cannot delete
        // it: keep it inside the node's data directory, which goes away with the cluster's.
        Path tmp = Files.createDirectories(c.dataDir().resolve("tmp"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(commandPrefix);
        command.addAll(List.of(java, "-XX:+UseG1GC", "-Xmx2g", "-Djava.io.tmpdir=" + tmp));
        command.addAll(settings.jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "node", "--config", configFile.toString()));
        processes.set(i, new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(c).toFile()))
                .start());
    }

    /**
     * Node i, which must not be running, loses its data and starts next as a joining node
     * ({@code cluster.join = true}) that waits to be added by an admin call: a new machine with
     * the old one's name and addresses, as after a node was removed.
     */
    public void wipeToRejoin(int i) throws IOException {
        if (process(i).isPresent()) throw new IllegalStateException(configs.get(i).nodeId() + " is running");
        deleteData(i);
        configs.set(i, configs.get(i).joining());
    }

    /** Deletes node i's data directory, if any (the node must not be running). */
    public void deleteData(int i) throws IOException {
        Path data = configs.get(i).dataDir();
        if (!Files.exists(data)) return;
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Node i's running process, if any (to signal it). */
    public Optional<ProcessHandle> process(int i) {
        Process p = processes.get(i);
        return p != null && p.isAlive() ? Optional.of(p.toHandle()) : Optional.empty();
    }

    /** kill -9 of node i. */
    public void kill(int i) throws InterruptedException {
        Process p = processes.get(i);
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        processes.set(i, null);
    }

    /**
     * Waits until every shard has a leader; returns the index of the first shard's. Fails at
     * once when a node that was not killed has exited.
     */
    public int awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            failIfANodeExited();
            int leader = leaderIndex();
            if (leader >= 0 && shardsWithLeader() == shards) return leader;
            Thread.sleep(100);
        }
        throw new IllegalStateException("no leader elected within " + timeout + "; see the logs in " + dir);
    }

    /** Fails when a node that was started, and not killed, has exited. */
    private void failIfANodeExited() {
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException("node " + configs.get(i).nodeId() + " exited with status "
                        + p.exitValue() + "; see " + logFile(configs.get(i)));
            }
        }
    }

    /**
     * Waits until every running node's gateway has written every shard (see {@link ServingProbe}):
     * a cluster with a leader per shard may still refuse clients on some gateway.
     */
    public void awaitServing(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitLeader(timeout);
        List<ShardView> shards = describe(deadline).getShardsList();
        for (int i = 0; i < configs.size(); i++) {
            if (process(i).isEmpty()) continue;
            NodeConfig.Member m = configs.get(i).self();
            for (ShardView shard : shards) {
                byte[] key = ServingProbe.keyOf(shard);
                String error;
                while ((error = ServingProbe.write(m.host(), m.respPort(), key)) != null) {
                    failIfANodeExited();
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(m.id() + "'s gateway cannot write " + shard.getName() + " within "
                                + timeout + ": " + error + "; see " + logFile(configs.get(i)));
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    /** The cluster's description from the first running node that gives one before the deadline. */
    private DescribeClusterReply describe(long deadline) throws InterruptedException {
        while (true) {
            for (int i = 0; i < configs.size(); i++) {
                if (process(i).isEmpty()) continue;
                try {
                    DescribeClusterReply d = admin(i).withDeadlineAfter(5, TimeUnit.SECONDS)
                            .describeCluster(DescribeClusterRequest.getDefaultInstance());
                    if (d.getShardsCount() == shards) return d;
                } catch (io.grpc.StatusRuntimeException e) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("no node describes the cluster: " + e.getStatus());
                }
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("no node describes all " + shards + " shards");
            Thread.sleep(100);
        }
    }

    /** Index of the node currently leading the first shard, or -1. */
    public int leaderIndex() {
        return leaderIndex(ShardGroups.FIRST_SHARD);
    }

    /** Index of the node currently leading a group, or -1. */
    public int leaderIndex(String group) {
        for (int i = 0; i < configs.size(); i++) {
            if (process(i).isEmpty()) continue;
            HealthReply h = health(configs.get(i), false);
            if (h != null && h.getGroupsList().stream().anyMatch(g -> g.getGroupId().equals(group) && g.getRole().equals("leader"))) {
                return i;
            }
        }
        return -1;
    }

    private long shardsWithLeader() {
        return java.util.stream.IntStream.range(0, shards)
                .filter(s -> leaderIndex(ShardGroups.shardName(s)) >= 0).count();
    }

    /** Node i's admin service, called with the cluster's token. */
    public AdminServiceGrpc.AdminServiceBlockingStub admin(int i) {
        NodeConfig.Member m = configs.get(i).self();
        return admin.blocking(m.host(), m.adminPort());
    }

    /** This node's admin view, or null when it does not answer. */
    public HealthReply health(NodeConfig c, boolean withDigest) {
        try {
            return admin.blocking(c.self().host(), c.self().adminPort()).withDeadlineAfter(1, TimeUnit.SECONDS)
                    .health(HealthRequest.newBuilder().setWithDigest(withDigest).build());
        } catch (io.grpc.StatusRuntimeException e) {
            return null;
        }
    }

    /** A base port such that base + i, + 1000 + i, + 2000 + i and + 3000 + i are free on each host now. */
    public static int freeBasePort(List<String> hosts) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            // Below Linux's ephemeral range (32768 on): an outgoing connection's local port can
            // then never take a port that a node added later (base + 3000 + i at most) will want.
            int base = 10000 + (int) (Math.random() * 19000);
            if (allFree(base, hosts)) return base;
        }
        throw new IOException("no free port range found");
    }

    private static boolean allFree(int base, List<String> hosts) {
        for (int i = 0; i < hosts.size(); i++) {
            if (!allFree(base, i, hosts.get(i))) return false;
        }
        return true;
    }

    private static boolean allFree(int base, int i, String host) {
        for (int offset : new int[] {0, 1000, 2000, 3000}) {
            try (ServerSocket s = new ServerSocket(base + offset + i, 1, InetAddress.getByName(host))) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    public void awaitExit() throws InterruptedException {
        for (Process p : processes) {
            if (p != null) p.waitFor();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(exitGuard);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it stops the nodes too.
        }
        admin.close();
        stopNodes();
    }

    /** SIGTERM to every node, then SIGKILL to those still running after 15 s. */
    private void stopNodes() {
        for (Process p : processes) {
            if (p != null && p.isAlive()) p.destroy();
        }
        for (Process p : processes) {
            try {
                if (p != null && !p.waitFor(15, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
