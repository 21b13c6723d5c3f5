package io.memstone.raft;

import io.memstone.proto.meta.ShardInfo;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;

/**
 * A node's {@link ShardClient} for each shard, made on first use. Each one's Ratis client is
 * built from the shape at the time, with the shard's last reported leader as the first target,
 * renews itself when Ratis fails it for good, and is renewed when the shard's members change.
 */
final class ShardClients implements Closeable {
    private final Map<String, ShardClient> clients = new ConcurrentHashMap<>();
    /** The members each shard's Ratis client was built with (a Ratis client knows only those). */
    private final Map<String, Set<String>> builtWith = new ConcurrentHashMap<>();
    private final RaftServer server;
    private final RaftProperties properties;
    private final Supplier<ClusterShape> shape;
    private final Executor localReads;
    private final int maxInFlight;
    private final int maxBatch;

    ShardClients(RaftServer server, RaftProperties properties, Supplier<ClusterShape> shape, Executor localReads,
                 int maxInFlight, int maxBatch) {
        this.server = server;
        this.properties = properties;
        this.shape = shape;
        this.localReads = localReads;
        this.maxInFlight = maxInFlight;
        this.maxBatch = maxBatch;
    }

    ShardClient get(String shard) {
        return clients.computeIfAbsent(shard, s -> new ShardClient(s, new RenewingClient(s, () -> newRaftClient(s)),
                new LocalLeaderPath(server, ShardGroups.groupId(s), localReads), maxInFlight, maxBatch, this::oneShard));
    }

    /** Whether the applied shape has a single shard (see CommandBatch's any_slot). */
    private boolean oneShard() {
        try {
            return shape.get().oneShard();
        } catch (ShardUnavailableException notBootstrapped) {
            return false;
        }
    }

    private RaftClient newRaftClient(String shard) {
        ClusterShape now = shape.get();
        ShardInfo info = now.shard(shard).orElseThrow(() -> new ShardUnavailableException(shard,
                new IllegalStateException("the shard is not in the cluster's shape")));
        builtWith.put(shard, Set.copyOf(info.getMembersList()));
        RaftPeerId leader = info.getMembersList().contains(info.getLeader()) ? RaftPeerId.valueOf(info.getLeader()) : null;
        return RatisSettings.newClient(properties, RaftPeers.shardGroup(now, info), leader, RatisSettings.RIDE_OUT_ELECTION);
    }

    /** Renews the Ratis client of every shard whose members changed since it was built. */
    void membersChanged(ClusterShape now) {
        for (ShardInfo s : now.shards()) {
            Set<String> known = builtWith.get(s.getName());
            ShardClient client = clients.get(s.getName());
            if (known == null || client == null || known.equals(Set.copyOf(s.getMembersList()))) continue;
            client.renew("members are now " + s.getMembersList());
        }
    }

    /** Forgets a shard this node no longer serves. */
    void remove(String shard) throws IOException {
        builtWith.remove(shard);
        ShardClient client = clients.remove(shard);
        if (client != null) client.close();
    }

    @Override
    public void close() throws IOException {
        for (ShardClient c : clients.values()) c.close();
    }
}
