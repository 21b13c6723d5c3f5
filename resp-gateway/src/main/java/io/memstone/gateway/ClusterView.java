package io.memstone.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The cluster as the gateway presents it to Redis Cluster clients: nodes with their RESP
 * addresses, and shards with their slot ranges, members and current leader.
 *
 * @param self  this node's name (as in the config: {@code n1})
 * @param epoch the shape's version, reported as Redis' config epoch
 */
public record ClusterView(String self, long epoch, List<Node> nodes, List<Shard> shards) {

    /** @param busPort reported after '@' in CLUSTER NODES (Memstone's Raft port) */
    public record Node(String name, String host, int port, int busPort) {}

    /**
     * @param slots   inclusive ranges, {@code [first, last]}
     * @param primary the member clients should send writes to: the Raft leader, or while there
     *                is none the preferred leader (any gateway forwards, so it is never wrong)
     * @param hasLeader whether a leader is known now
     */
    public record Shard(String name, List<int[]> slots, List<String> members, String primary, boolean hasLeader) {}

    public Node node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
    }

    /** Redis' 40-hex-digit node id for a node name: stable, the same on every gateway. */
    static String nodeId(String name) {
        return sha1Hex("memstone/node/" + name);
    }

    static String shardId(String name) {
        return sha1Hex("memstone/shard/" + name);
    }

    private static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
