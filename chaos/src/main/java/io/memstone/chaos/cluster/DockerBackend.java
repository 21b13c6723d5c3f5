package io.memstone.chaos.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.memstone.node.LocalCluster;
import io.memstone.node.NodeConfig;
import io.memstone.node.admin.AdminChannels;
import io.memstone.proto.admin.HealthReply;
import io.memstone.proto.admin.HealthRequest;
import io.memstone.raft.LogRetention;
import io.memstone.raft.ShardGroups;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.OptionalInt;
import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import redis.clients.jedis.HostAndPort;

/**
 * Each node a container of the Memstone image (README.md, "Docker") on a private, internal
 * Docker network, at a fixed address (.11, .12, ... of the network's subnet), so that a
 * restarted container keeps it. Kill and restart, pause and resume by the engine; partitions by
 * iptables rules inside the containers' network namespaces. Testcontainers drives the engine
 * (told not to pull anything: see {@link #unavailable}); {@link #close} writes each
 * node's log into the run's directory and removes the containers and the network.
 */
public final class DockerBackend implements ChaosCluster {
    public static final String DEFAULT_IMAGE = "memstone:latest";
    /** Removing a node and adding it back needs its data wiped and a joining config, which only the local backend does. */
    public static final String MEMBERSHIP_UNAVAILABLE = "membership changes are built for the local backend only";

    private static final int MAX_NODES = 5;
    private static final String CONFIG = "/etc/memstone/cluster.properties";
    private static final int RESP_PORT = 6379;
    private static final int RAFT_PORT = 7379;
    private static final int ADMIN_PORT = 8379;

    private final Path dir;
    private final int size;
    private final String image;
    private final LogRetention retention;
    private final String partitionsUnavailable = NamespaceIptables.unavailable();
    private final List<GenericContainer<?>> containers = new ArrayList<>();
    private final List<NodeConfig> configs = new ArrayList<>();
    /** The cluster's admin token, written into its config; health checks carry it. */
    private final String token = java.util.UUID.randomUUID().toString();
    private final AdminChannels admin = new AdminChannels(token);
    private final Set<Integer> killed = new HashSet<>();
    private final Set<Integer> paused = new HashSet<>();
    private final Set<Link> cuts = new HashSet<>();
    private final Replicas replicas;
    private Network network;

    /** @param dir where the cluster's config and, at the end, the nodes' logs go (the caller removes it) */
    public DockerBackend(Path dir, int size, String image, LogRetention retention) {
        if (size < 1 || size > MAX_NODES) throw new IllegalArgumentException("1 to " + MAX_NODES + " nodes, not " + size);
        this.dir = dir;
        this.size = size;
        this.image = image;
        this.retention = retention;
        this.replicas = new Replicas(size, this::nodeId, this::health, this::exited);
    }

    /** Why the Docker backend cannot run here with this image, or null when it can. */
    public static String unavailable(String image) {
        // Testcontainers would otherwise pull images: Ryuk, and (on a machine that is itself a container) alpine to find the host.
        String ryuk = System.getenv("TESTCONTAINERS_RYUK_DISABLED");
        String host = System.getenv("TESTCONTAINERS_HOST_OVERRIDE");
        if (!"true".equalsIgnoreCase(ryuk) || host == null || host.isBlank()) {
            return "set TESTCONTAINERS_RYUK_DISABLED=true and TESTCONTAINERS_HOST_OVERRIDE=localhost (./memstone chaos does): "
                    + "Testcontainers would pull images, and no registry may be reachable";
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no Docker engine reachable (apt-get install -y docker.io, then start dockerd)";
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return null;
        } catch (NotFoundException e) {
            return "image " + image + " not found: build it (README.md, Docker)";
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String nodeId(int node) {
        return "n" + (node + 1);
    }

    @Override
    public HostAndPort resp(int node) {
        return new HostAndPort(configs.get(node).self().host(), RESP_PORT);
    }

    @Override
    public void start(Duration timeout) throws Exception {
        Files.createDirectories(dir);
        String subnet = freeSubnet();
        network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withInternal(true)
                .withIpam(new com.github.dockerjava.api.model.Network.Ipam()
                        .withConfig(new com.github.dockerjava.api.model.Network.Ipam.Config().withSubnet(subnet)))).build();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < size; i++) addresses.add(hostInSubnet(subnet, 11 + i));
        for (String a : addresses) BridgeRoute.require(a, network.getId());

        String config = clusterConfig(addresses);
        Path configFile = Files.writeString(dir.resolve("cluster.properties"), config);
        for (int i = 0; i < size; i++) configs.add(NodeConfig.load(configFile, nodeId(i)));
        for (int i = 0; i < size; i++) {
            String address = addresses.get(i);
            GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                    .withNetwork(network)
                    .withCreateContainerCmdModifier(cmd -> cmd.withIpv4Address(address))
                    .withCopyToContainer(Transferable.of(config), CONFIG)
                    .withCommand("node", "--config", CONFIG, "--node-id", nodeId(i))
                    .waitingFor(Wait.forLogMessage(".*serving RESP.*\\n", 1).withStartupTimeout(timeout));
            containers.add(c);
            c.start();
        }
        replicas.awaitLeader(timeout);
    }

    /**
     * The cluster's one config file, which every node reads with its own --node-id: all on the
     * same ports, each at its own address, snapshots as the run asks.
     */
    private String clusterConfig(List<String> addresses) {
        StringBuilder s = new StringBuilder("# the chaos runner's Docker cluster\n")
                .append("data-dir = /var/lib/memstone\n")
                .append("admin.token = ").append(token).append('\n')
                .append("snapshot.every-entries = ").append(retention.snapshotEveryEntries()).append('\n')
                .append("snapshot.retained = ").append(retention.snapshotsRetained()).append('\n')
                .append("log.segment-bytes = ").append(retention.segmentBytes()).append('\n');
        for (int i = 0; i < size; i++) {
            String peer = "peer." + nodeId(i) + ".";
            s.append(peer).append("zone = zone-").append((char) ('a' + i)).append('\n')
                    .append(peer).append("host = ").append(addresses.get(i)).append('\n')
                    .append(peer).append("resp-port = ").append(RESP_PORT).append('\n')
                    .append(peer).append("raft-port = ").append(RAFT_PORT).append('\n')
                    .append(peer).append("admin-port = ").append(ADMIN_PORT).append('\n');
        }
        return s.toString();
    }

    /**
     * A subnet no other network and no host route uses: the one the engine picks for a network
     * made and removed for the purpose (containers can have fixed addresses only in a subnet
     * given when their network is made).
     */
    private static String freeSubnet() {
        try (Network probe = Network.builder().createNetworkCmdModifier(cmd -> cmd.withInternal(true)).build()) {
            return client().inspectNetworkCmd().withNetworkId(probe.getId()).exec().getIpam().getConfig().get(0).getSubnet();
        }
    }

    /** The address at this offset from the start of an IPv4 subnet (a.b.c.d/len). */
    private static String hostInSubnet(String subnet, int offset) throws IOException {
        byte[] start = InetAddress.getByName(subnet.substring(0, subnet.indexOf('/'))).getAddress();
        return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(ByteBuffer.wrap(start).getInt() + offset).array())
                .getHostAddress();
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
        try {
            NodeConfig.Member m = configs.get(node).self();
            return admin.blocking(m.host(), m.adminPort()).withDeadlineAfter(1, TimeUnit.SECONDS)
                    .health(HealthRequest.newBuilder().setWithDigest(withDigest).build());
        } catch (io.grpc.StatusRuntimeException unreachable) {
            return null;
        }
    }

    /** Why the node's container has stopped by itself, or null. */
    private synchronized String exited(int node) {
        if (killed.contains(node)) return null;
        InspectContainerResponse.ContainerState state = inspect(node).getState();
        if (Boolean.TRUE.equals(state.getRunning())) return null;
        return nodeId(node) + " is not running: it exited with status " + state.getExitCodeLong()
                + ", its log goes to " + logFile(node) + " at the end";
    }

    @Override
    public synchronized void kill(int node) {
        resumeIfPaused(node);
        client().killContainerCmd(id(node)).exec();
        killed.add(node);
    }

    /** Starts the container again: same file system (the node's data), same address, a new network namespace. */
    @Override
    public synchronized void restart(int node) throws IOException, InterruptedException {
        if (!killed.remove(node)) return;
        client().startContainerCmd(id(node)).exec();
        for (Link l : cuts) {
            if (l.a() == node) NamespaceIptables.dropTo(pid(node), address(l.b()));
            if (l.b() == node) NamespaceIptables.dropTo(pid(node), address(l.a()));
        }
    }

    @Override
    public synchronized void pause(int node) {
        if (killed.contains(node) || !paused.add(node)) return;
        client().pauseContainerCmd(id(node)).exec();
    }

    @Override
    public synchronized void resume(int node) {
        resumeIfPaused(node);
    }

    private void resumeIfPaused(int node) {
        if (paused.remove(node)) client().unpauseContainerCmd(id(node)).exec();
    }

    @Override
    public String partitionsUnavailable() {
        return partitionsUnavailable;
    }

    /** Each side drops what it sends to the other: the links are cut both ways, whatever the port. */
    @Override
    public synchronized void cut(Set<Link> links) throws IOException, InterruptedException {
        if (partitionsUnavailable != null) throw new IllegalStateException("no partitions here: " + partitionsUnavailable);
        for (Link l : links) {
            cuts.add(l);
            if (!killed.contains(l.a())) NamespaceIptables.dropTo(pid(l.a()), address(l.b()));
            if (!killed.contains(l.b())) NamespaceIptables.dropTo(pid(l.b()), address(l.a()));
        }
    }

    @Override
    public synchronized void healNetwork() throws IOException, InterruptedException {
        if (cuts.isEmpty()) return;
        for (int i = 0; i < size; i++) {
            if (!killed.contains(i)) NamespaceIptables.flush(pid(i));
        }
        cuts.clear();
    }

    @Override
    public String clockSkewUnavailable() {
        return "clock skew is not built for the Docker backend";
    }

    @Override
    public void skewClock(int node, Duration offset) {
        throw new IllegalStateException(clockSkewUnavailable());
    }

    @Override
    public String membershipUnavailable() {
        return MEMBERSHIP_UNAVAILABLE;
    }

    @Override
    public void removeMember(int node) {
        throw new IllegalStateException(membershipUnavailable());
    }

    @Override
    public void addMember(int node) {
        throw new IllegalStateException(membershipUnavailable());
    }

    @Override
    public synchronized void healAll() throws IOException, InterruptedException {
        healNetwork();
        for (int node : List.copyOf(paused)) resumeIfPaused(node);
        for (int node : List.copyOf(killed)) restart(node);
    }

    @Override
    public String awaitConverged(Duration timeout) throws InterruptedException {
        return replicas.awaitConverged(timeout);
    }

    @Override
    public String logs() {
        return dir.toString();
    }

    /** Nothing to do: the data lived in the containers, which {@link #close} removed. */
    @Override
    public void removeData() {}

    @Override
    public synchronized void close() {
        for (int i = 0; i < containers.size(); i++) {
            GenericContainer<?> c = containers.get(i);
            try {
                resumeIfPaused(i);
                Files.writeString(logFile(i), c.getLogs());
            } catch (IOException | RuntimeException e) {
                System.err.println("chaos: could not save the log of " + nodeId(i) + ": " + e.getMessage());
            }
            c.stop();
        }
        if (network != null) network.close();
        admin.close();
    }

    private Path logFile(int node) {
        return dir.resolve(nodeId(node) + ".log");
    }

    private String address(int node) {
        return configs.get(node).self().host();
    }

    private String id(int node) {
        return containers.get(node).getContainerId();
    }

    private InspectContainerResponse inspect(int node) {
        return client().inspectContainerCmd(id(node)).exec();
    }

    /** The node's main process on the host, whose network namespace is the container's. */
    private long pid(int node) {
        return inspect(node).getState().getPidLong();
    }

    private static DockerClient client() {
        return DockerClientFactory.instance().client();
    }
}
