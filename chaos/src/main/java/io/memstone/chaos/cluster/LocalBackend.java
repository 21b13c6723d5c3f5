package io.memstone.chaos.cluster;

import io.memstone.node.LocalCluster;
import io.memstone.node.NodeConfig;
import io.memstone.proto.admin.HealthReply;
import io.memstone.raft.LogPayloadMode;
import io.memstone.raft.LogRetention;
import io.memstone.raft.ShardGroups;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.HostAndPort;

/**
 * Node processes on this machine, node i on loopback address 127.0.0.(11 + i): kill -9 and
 * restart, SIGSTOP/SIGCONT, (as root, with iptables) partitions, and removal from the cluster
 * through the admin service and back as a wiped, joining node. {@link #close} stops the
 * nodes and removes every iptables rule, also when the JVM exits early.
 */
public final class LocalBackend implements ChaosCluster {
    /**
     * Snapshots far more often than in production (and small log segments, so the log is purged
     * behind them): restarts then load snapshots and followers catch up by snapshot installs.
     */
    public static final LogRetention FREQUENT_SNAPSHOTS = new LogRetention(2_000, 2, 1 << 20);

    private static final int MAX_NODES = 5;

    private final List<String> hosts = new ArrayList<>();
    private final int basePort;
    private final LocalCluster nodes;
    private final Path dir;
    private final Iptables iptables;
    private final String partitionsUnavailable;
    /** Null unless clock skew was asked for and libfaketime is here. */
    private final FakeClocks clocks;
    private final String clockSkewUnavailable;
    private final Set<Integer> killed = new HashSet<>();
    private final Set<Integer> paused = new HashSet<>();
    /** Nodes removed from the cluster (and waiting to join again), with the shards they held. */
    private final Map<Integer, List<String>> removed = new HashMap<>();
    private final Members members;
    private final Thread cleanupOnExit = new Thread(this::close, "chaos-cleanup");
    private final Replicas replicas;

    /** @param dir where the nodes keep their data and logs (the caller removes it) */
    public LocalBackend(Path dir, int size) throws IOException {
        this(dir, size, false, FREQUENT_SNAPSHOTS);
    }

    /** @param clockSkew run the nodes under libfaketime, so that their clocks can be skewed */
    public LocalBackend(Path dir, int size, boolean clockSkew, LogRetention retention) throws IOException {
        if (size < 1 || size > MAX_NODES) throw new IllegalArgumentException("1 to " + MAX_NODES + " nodes, not " + size);
        for (int i = 0; i < size; i++) hosts.add("127.0.0." + (11 + i));
        this.dir = dir;
        this.basePort = LocalCluster.freeBasePort(hosts);
        this.nodes = new LocalCluster(dir, basePort, hosts, LocalCluster.Settings.DEFAULT.withRetention(retention));
        this.partitionsUnavailable = Iptables.unavailable();
        this.iptables = partitionsUnavailable == null ? new Iptables("MEMSTONE-CHAOS-" + basePort) : null;
        String noFakeClocks = FakeClocks.unavailable();
        this.clockSkewUnavailable = !clockSkew ? "the cluster was started without fake clocks" : noFakeClocks;
        this.clocks = clockSkewUnavailable == null ? new FakeClocks(dir.resolve("clocks")) : null;
        this.replicas = new Replicas(size, this::nodeId, this::health, this::exited);
        this.members = new Members(nodes);
    }

    @Override
    public int size() {
        return hosts.size();
    }

    @Override
    public String nodeId(int node) {
        return config(node).nodeId();
    }

    @Override
    public HostAndPort resp(int node) {
        return new HostAndPort(hosts.get(node), config(node).self().respPort());
    }

    private NodeConfig config(int node) {
        return nodes.configs().get(node);
    }

    /** Each node's own group id, which its partition rules match. */
    private int gid(int node) {
        return 100_000 + basePort * 10 + node;
    }

    private List<String> launcher(int node) throws IOException {
        List<String> command = new ArrayList<>();
        if (clocks != null) command.addAll(clocks.launcher(nodeId(node)));
        if (iptables != null) command.addAll(Iptables.launcher(gid(node)));
        return command;
    }

    @Override
    public void start(Duration timeout) throws Exception {
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        if (iptables != null) iptables.install();
        for (int i = 0; i < size(); i++) nodes.start(i, launcher(i));
        nodes.awaitServing(timeout);
    }

    @Override
    public OptionalInt leader() {
        return replicas.leader();
    }

    @Override
    public OptionalInt metaLeader() {
        return replicas.leader(ShardGroups.META);
    }

    /** The node's Health, or null when it is down, paused or does not answer. */
    private HealthReply health(int node, boolean withDigest) {
        synchronized (this) {
            if (killed.contains(node) || paused.contains(node)) return null;
        }
        return nodes.health(config(node), withDigest);
    }

    @Override
    public synchronized void kill(int node) throws IOException, InterruptedException {
        resumeIfPaused(node);
        nodes.kill(node);
        killed.add(node);
    }

    @Override
    public synchronized void restart(int node) throws IOException {
        if (!killed.remove(node)) return;
        nodes.start(node, launcher(node));
    }

    @Override
    public synchronized void pause(int node) throws IOException, InterruptedException {
        if (killed.contains(node) || !paused.add(node)) return;
        signal(node, "STOP");
    }

    @Override
    public synchronized void resume(int node) throws IOException, InterruptedException {
        resumeIfPaused(node);
    }

    private void resumeIfPaused(int node) throws IOException, InterruptedException {
        if (paused.remove(node)) signal(node, "CONT");
    }

    private void signal(int node, String signal) throws IOException, InterruptedException {
        long pid = nodes.process(node).orElseThrow(() -> new IllegalStateException(nodeId(node) + " is not running")).pid();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed");
        }
    }

    @Override
    public String partitionsUnavailable() {
        return partitionsUnavailable;
    }

    @Override
    public void cut(Set<Link> links) throws IOException, InterruptedException {
        if (iptables == null) throw new IllegalStateException("no partitions here: " + partitionsUnavailable);
        for (Link l : links) {
            dropTo(l.a(), l.b());
            dropTo(l.b(), l.a());
        }
    }

    /**
     * Drops what node {@code from} sends to node {@code to}'s Raft port and its admin port (nodes
     * probe each other's admin services, e.g. to tell which are live before a membership change).
     */
    private void dropTo(int from, int to) throws IOException, InterruptedException {
        NodeConfig.Member target = config(to).self();
        iptables.drop(gid(from), target.host(), target.raftPort());
        iptables.drop(gid(from), target.host(), target.adminPort());
    }

    @Override
    public void healNetwork() throws IOException, InterruptedException {
        if (iptables != null) iptables.flush();
    }

    @Override
    public String clockSkewUnavailable() {
        return clockSkewUnavailable;
    }

    @Override
    public void skewClock(int node, Duration offset) throws IOException {
        if (clocks == null) throw new IllegalStateException("no clock skew here: " + clockSkewUnavailable);
        clocks.set(nodeId(node), offset);
    }

    @Override
    public String membershipUnavailable() {
        return null;
    }

    @Override
    public void removeMember(int node) throws IOException, InterruptedException {
        List<String> shards = members.remove(node, via(node));
        synchronized (this) {
            removed.put(node, shards);
            resumeIfPaused(node);
            killed.remove(node);
            nodes.kill(node);
            nodes.wipeToRejoin(node);
            nodes.start(node, launcher(node));
        }
    }

    @Override
    public void addMember(int node) throws IOException, InterruptedException {
        List<String> shards;
        synchronized (this) {
            shards = removed.get(node);
        }
        if (shards == null) return;
        members.add(node, shards, via(node));
        synchronized (this) {
            removed.remove(node);
        }
    }

    /** A node other than {@code node} whose admin service answers, to make a membership change through. */
    private int via(int node) {
        for (int i = 0; i < size(); i++) {
            if (i != node && health(i, false) != null) return i;
        }
        throw new IllegalStateException("no node but " + nodeId(node) + " answers");
    }

    @Override
    public void healAll() throws IOException, InterruptedException {
        healFaults();
        for (int node : removedNodes()) addMember(node);
    }

    private synchronized List<Integer> removedNodes() {
        return List.copyOf(removed.keySet());
    }

    private synchronized void healFaults() throws IOException, InterruptedException {
        healNetwork();
        if (clocks != null) {
            for (int i = 0; i < size(); i++) clocks.set(nodeId(i), Duration.ZERO);
        }
        for (int node : List.copyOf(paused)) resumeIfPaused(node);
        for (int node : List.copyOf(killed)) restart(node);
    }

    @Override
    public String awaitConverged(Duration timeout) throws InterruptedException {
        return replicas.awaitConverged(timeout);
    }

    /** Why the node's process has exited by itself, or null. */
    private synchronized String exited(int node) {
        if (killed.contains(node) || nodes.process(node).isPresent()) return null;
        return nodeId(node) + " is not running: it exited, see " + nodes.logFile(config(node));
    }

    @Override
    public String logs() {
        return dir.toString();
    }

    /** Deletes the nodes' data directories (after {@link #close}), keeping their logs. */
    @Override
    public void removeData() throws IOException {
        for (int i = 0; i < size(); i++) nodes.deleteData(i);
    }

    @Override
    public synchronized void close() {
        if (iptables != null) iptables.close();
        for (int node : List.copyOf(paused)) {
            try {
                resumeIfPaused(node);
            } catch (IOException | InterruptedException | IllegalStateException e) {
                System.err.println("chaos: could not resume " + nodeId(node) + ": " + e.getMessage());
            }
        }
        nodes.close();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // close() is running as that hook
        }
    }
}
