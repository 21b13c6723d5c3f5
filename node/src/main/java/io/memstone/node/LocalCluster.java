package io.memstone.node;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.memstone.proto.admin.AdminServiceGrpc;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * N node processes on loopback in zones zone-a, zone-b, zone-c, zone-a...: node i's gateway
 * listens on basePort + i, its Raft server on basePort + 1000 + i, its admin service on
 * basePort + 2000 + i, its metrics on basePort + 3000 + i, all on 127.0.0.1 or on node i's own
 * address. Shard i prefers node i mod N as its leader. Used by {@code memstone demo}; tests and
 * the chaos runner start the same processes.
 */
public final class LocalCluster implements AutoCloseable {
    private final Path dir;
    private final List<NodeConfig> configs = new ArrayList<>();
    private final Process[] processes;
    private final int shards;

    /** What every node of the cluster is configured with. */
    public record Settings(LogPayloadMode payloadMode, int maxInFlight, int shards, LogRetention retention) {
        public static final Settings DEFAULT = new Settings(LogPayloadMode.ROCKSDB, 1, 3, LogRetention.DEFAULT);

        public Settings withPayloadMode(LogPayloadMode m) {
            return new Settings(m, maxInFlight, shards, retention);
        }

        public Settings withMaxInFlight(int k) {
            return new Settings(payloadMode, k, shards, retention);
        }

        public Settings withShards(int n) {
            return new Settings(payloadMode, maxInFlight, n, retention);
        }

        public Settings withRetention(LogRetention r) {
            return new Settings(payloadMode, maxInFlight, shards, r);
        }
    }

    public LocalCluster(Path dir, int basePort, int nodes, Settings settings) {
        this(dir, basePort, Collections.nCopies(nodes, "127.0.0.1"), settings);
    }

    /** One node per host (loopback addresses such as 127.0.0.11, so traffic between nodes can be told apart). */
    public LocalCluster(Path dir, int basePort, List<String> hosts, Settings settings) {
        this.dir = dir;
        this.shards = settings.shards();
        int nodes = hosts.size();
        List<NodeConfig.Member> members = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            members.add(new NodeConfig.Member("n" + (i + 1), "zone-" + (char) ('a' + i % 3), hosts.get(i),
                    basePort + i, basePort + 1000 + i, basePort + 2000 + i, basePort + 3000 + i));
        }
        for (NodeConfig.Member m : members) {
            configs.add(new NodeConfig(m.id(), dir.resolve(m.id()), settings.payloadMode(), settings.maxInFlight(), 1024,
                    settings.shards(), List.copyOf(members), settings.retention()));
        }
        this.processes = new Process[nodes];
    }

    public List<NodeConfig> configs() {
        return configs;
    }

    public Path logFile(NodeConfig c) {
        return dir.resolve(c.nodeId() + ".log");
    }

    public void start() throws IOException {
        for (int i = 0; i < configs.size(); i++) start(i);
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
        command.addAll(List.of(java, "-XX:+UseG1GC", "-Xmx2g", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "node", "--config", configFile.toString()));
        processes[i] = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(c).toFile()))
                .start();
    }

    /** Node i's running process, if any (to signal it). */
    public Optional<ProcessHandle> process(int i) {
        Process p = processes[i];
        return p != null && p.isAlive() ? Optional.of(p.toHandle()) : Optional.empty();
    }

    /** kill -9 of node i. */
    public void kill(int i) throws InterruptedException {
        Process p = processes[i];
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        processes[i] = null;
    }

    /**
     * Waits until every shard has a leader; returns the index of the first shard's. Fails at
     * once when a node that was not killed has exited.
     */
    public int awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < processes.length; i++) {
                if (processes[i] != null && !processes[i].isAlive()) {
                    throw new IllegalStateException("node " + configs.get(i).nodeId() + " exited with status "
                            + processes[i].exitValue() + "; see " + logFile(configs.get(i)));
                }
            }
            int leader = leaderIndex();
            if (leader >= 0 && shardsWithLeader() == shards) return leader;
            Thread.sleep(100);
        }
        throw new IllegalStateException("no leader elected within " + timeout + "; see the logs in " + dir);
    }

    /** Index of the node currently leading the first shard, or -1. */
    public int leaderIndex() {
        return leaderIndex(ShardGroups.FIRST_SHARD);
    }

    /** Index of the node currently leading a group, or -1. */
    public int leaderIndex(String group) {
        for (int i = 0; i < configs.size(); i++) {
            if (processes[i] == null || !processes[i].isAlive()) continue;
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

    /** This node's admin view, or null when it does not answer. */
    public static HealthReply health(NodeConfig c, boolean withDigest) {
        ManagedChannel ch = NettyChannelBuilder.forAddress(c.self().host(), c.self().adminPort()).usePlaintext().build();
        try {
            return AdminServiceGrpc.newBlockingStub(ch).withDeadlineAfter(1, TimeUnit.SECONDS)
                    .health(HealthRequest.newBuilder().setWithDigest(withDigest).build());
        } catch (io.grpc.StatusRuntimeException e) {
            return null;
        } finally {
            ch.shutdownNow();
        }
    }

    /** A base port such that base + i, + 1000 + i, + 2000 + i and + 3000 + i are free on each host now. */
    public static int freeBasePort(List<String> hosts) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20000 + (int) (Math.random() * 20000);
            if (allFree(base, hosts)) return base;
        }
        throw new IOException("no free port range found");
    }

    private static boolean allFree(int base, List<String> hosts) {
        for (int i = 0; i < hosts.size(); i++) {
            for (int offset : new int[] {0, 1000, 2000, 3000}) {
                try (ServerSocket s = new ServerSocket(base + offset + i, 1,
                        InetAddress.getByName(hosts.get(i)))) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    return false;
                }
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
