package io.memstone.node;

import io.memstone.raft.LogPayloadMode;
import io.memstone.raft.LogRetention;
import io.memstone.proto.meta.NodeInfo;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

/**
 * A node's configuration file (Java properties; README.md explains each key):
 * <pre>
 * node.id = n1
 * data-dir = /var/lib/memstone/n1
 * log.payloads = rocksdb
 * shards = 3
 * snapshot.every-entries = 100000
 * snapshot.retained = 2
 * log.segment-bytes = 67108864
 * peer.n1.zone = zone-a
 * peer.n1.host = 127.0.0.1
 * peer.n1.resp-port = 6379
 * peer.n1.raft-port = 7379
 * peer.n1.admin-port = 8379
 * peer.n1.metrics-port = 9379   (optional: admin-port + 1000)
 * admin.token-file = /etc/memstone/admin.token
 * cluster.join = false
 * </pre>
 */
public record NodeConfig(String nodeId, Path dataDir, LogPayloadMode payloadMode,
                         int maxInFlight, int maxBatch, int shards, List<Member> members,
                         LogRetention retention, AdminToken adminToken, boolean join) {
    /** Where the metrics port is when the config does not say: this far above the admin port. */
    public static final int METRICS_PORT_OFFSET = 1000;

    /** One cluster member: its zone and the addresses of its RESP, Raft, admin and metrics servers. */
    public record Member(String id, String zone, String host, int respPort, int raftPort, int adminPort, int metricsPort) {
        /** A member whose metrics port is the default, its admin port + 1000. */
        public Member(String id, String zone, String host, int respPort, int raftPort, int adminPort) {
            this(id, zone, host, respPort, raftPort, adminPort, adminPort + METRICS_PORT_OFFSET);
        }

        public NodeInfo info() {
            return NodeInfo.newBuilder().setId(id).setZone(zone).setHost(host)
                    .setRespPort(respPort).setRaftPort(raftPort).setAdminPort(adminPort).build();
        }
    }

    public Member self() {
        return members.stream().filter(m -> m.id().equals(nodeId)).findFirst().orElseThrow();
    }

    public List<NodeInfo> nodes() {
        return members.stream().map(Member::info).toList();
    }

    /** The same node, starting as one that waits to be added to the cluster ({@code cluster.join = true}). */
    public NodeConfig joining() {
        return new NodeConfig(nodeId, dataDir, payloadMode, maxInFlight, maxBatch, shards, members, retention, adminToken, true);
    }

    public static NodeConfig load(Path file) throws IOException {
        return load(file, null);
    }

    /**
     * @param nodeId which peer of the file this node is, instead of the file's {@code node.id} (null: the
     *               file's), so that every node of a cluster can run from one shared file
     */
    public static NodeConfig load(Path file, String nodeId) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        if (nodeId != null) p.setProperty("node.id", nodeId);
        return parse(p);
    }

    static NodeConfig parse(Properties p) {
        String id = required(p, "node.id");
        TreeSet<String> ids = new TreeSet<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("peer.")) ids.add(name.substring(5, name.lastIndexOf('.')));
        }
        List<Member> members = new ArrayList<>();
        for (String m : ids) {
            String prefix = "peer." + m + ".";
            int adminPort = port(p, prefix + "admin-port");
            String metricsPort = p.getProperty(prefix + "metrics-port");
            members.add(new Member(m, required(p, prefix + "zone"), required(p, prefix + "host"),
                    port(p, prefix + "resp-port"), port(p, prefix + "raft-port"), adminPort,
                    metricsPort == null ? adminPort + METRICS_PORT_OFFSET : port(p, prefix + "metrics-port")));
        }
        if (!ids.contains(id)) throw new IllegalArgumentException("node.id " + id + " has no peer." + id + ".* entries");
        return new NodeConfig(id, Path.of(required(p, "data-dir")), payloadMode(p),
                (int) positive(p, "proposer.max-in-flight", "1"),
                (int) positive(p, "proposer.max-batch", "1024"),
                (int) positive(p, "shards", "3"),
                List.copyOf(members),
                new LogRetention(positive(p, "snapshot.every-entries", Long.toString(LogRetention.DEFAULT.snapshotEveryEntries())),
                        (int) positive(p, "snapshot.retained", Integer.toString(LogRetention.DEFAULT.snapshotsRetained())),
                        positive(p, "log.segment-bytes", Long.toString(LogRetention.DEFAULT.segmentBytes()))),
                AdminToken.parse(p), bool(p, "cluster.join"));
    }

    /** The inverse of {@link #parse}: what {@code memstone demo} writes for each node. */
    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("node.id", nodeId);
        p.setProperty("data-dir", dataDir.toString());
        p.setProperty("log.payloads", payloadMode.name().toLowerCase(Locale.ROOT));
        p.setProperty("proposer.max-in-flight", Integer.toString(maxInFlight));
        p.setProperty("proposer.max-batch", Integer.toString(maxBatch));
        p.setProperty("shards", Integer.toString(shards));
        p.setProperty("snapshot.every-entries", Long.toString(retention.snapshotEveryEntries()));
        p.setProperty("snapshot.retained", Integer.toString(retention.snapshotsRetained()));
        p.setProperty("log.segment-bytes", Long.toString(retention.segmentBytes()));
        adminToken.store(p);
        if (join) p.setProperty("cluster.join", "true");
        for (Member m : members) {
            String prefix = "peer." + m.id() + ".";
            p.setProperty(prefix + "zone", m.zone());
            p.setProperty(prefix + "host", m.host());
            p.setProperty(prefix + "resp-port", Integer.toString(m.respPort()));
            p.setProperty(prefix + "raft-port", Integer.toString(m.raftPort()));
            p.setProperty(prefix + "admin-port", Integer.toString(m.adminPort()));
            p.setProperty(prefix + "metrics-port", Integer.toString(m.metricsPort()));
        }
        return p;
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("missing config key " + key);
        return v.trim();
    }

    private static LogPayloadMode payloadMode(Properties p) {
        String v = p.getProperty("log.payloads", "rocksdb").trim();
        try {
            return LogPayloadMode.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config key log.payloads is " + v + ": expected rocksdb or segmented");
        }
    }

    private static boolean bool(Properties p, String key) {
        String v = p.getProperty(key, "false").trim();
        if (!v.equals("true") && !v.equals("false")) throw new IllegalArgumentException("config key " + key + " is " + v + ": expected true or false");
        return v.equals("true");
    }

    private static long positive(Properties p, String key, String dflt) {
        String v = p.getProperty(key, dflt).trim();
        try {
            long n = Long.parseLong(v);
            if (n > 0) return n;
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("config key " + key + " is " + v + ": expected a positive whole number");
    }

    private static int port(Properties p, String key) {
        try {
            return Integer.parseInt(required(p, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config key " + key + " is not a port number");
        }
    }
}
