package io.memstone.raft;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's Ratis server. It hosts shard groups through a state machine registry (one
 * {@link ShardStateMachine} per group, so a node can carry many shards) and gives the gateway
 * a {@link ShardClient} per shard.
 */
public final class RaftNode implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

    private final RaftNodeOptions options;
    private final RaftProperties properties;
    private final List<RaftPeer> peers;
    private final Map<String, ShardClient> clients = new ConcurrentHashMap<>();
    private final List<ActiveExpiry> expiries = new ArrayList<>();
    /** Runs local linearizable reads off the proposers' threads. */
    private final ExecutorService localReads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "local-reads");
        t.setDaemon(true);
        return t;
    });
    private RaftServer server;

    public RaftNode(RaftNodeOptions options) {
        this.options = options;
        this.properties = properties(options);
        List<RaftPeer> ps = new ArrayList<>();
        for (PeerAddress p : options.peers()) {
            // Ratis hands leadership to the highest-priority member once it has caught up.
            int priority = p.zone().equals(options.preferredLeaderZone()) ? 1 : 0;
            ps.add(RaftPeer.newBuilder().setId(p.id()).setAddress(p.address()).setPriority(priority).build());
        }
        this.peers = List.copyOf(ps);
    }

    /** Starts the server with the first shard's group; other groups can be added at run time. */
    public void start() throws IOException {
        RaftGroup group = group(ShardGroups.FIRST_SHARD);
        server = RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf(options.selfId()))
                .setProperties(properties)
                .setGroup(group)
                .setOption(RaftStorage.StartupOption.RECOVER)
                .setStateMachineRegistry(groupId -> new ShardStateMachine(options.payloadMode()))
                .build();
        server.start();
        ActiveExpiry expiry = new ActiveExpiry(ShardGroups.FIRST_SHARD, this);
        expiry.start();
        expiries.add(expiry);
        LOG.info("raft server {} started: peers {}, log payloads in {}", options.selfId(), options.peers(), options.payloadMode());
    }

    /** The client this node uses to reach a shard's leader (created on first use). */
    public ShardClient shard(String shard) {
        return clients.computeIfAbsent(shard, s -> new ShardClient(s, newClient(group(s)),
                new LocalLeaderPath(server, ShardGroups.groupId(s), localReads), options.maxInFlight(), options.maxBatch()));
    }

    public ShardStatus status(String shard) {
        try {
            RaftServer.Division d = server.getDivision(ShardGroups.groupId(shard));
            RaftPeerId leader = d.getInfo().getLeaderId();
            return new ShardStatus(shard, d.getInfo().getCurrentRole().name().toLowerCase(java.util.Locale.ROOT),
                    leader == null ? "" : leader.toString(), d.getInfo().getCurrentTerm(),
                    d.getRaftLog().getLastCommittedIndex(), d.getInfo().getLastAppliedIndex());
        } catch (IOException e) {
            return new ShardStatus(shard, "unknown", "", 0, 0, 0);
        }
    }

    /** The local replica's digest, taken atomically with its applied index. */
    public ShardDigest digest(String shard) {
        try {
            ShardStateMachine sm = stateMachine(shard);
            return sm.withEngine(e -> new ShardDigest(e.digest(), e.keyspace().size(),
                    sm.getLastAppliedTermIndex().getIndex()));
        } catch (IOException e) {
            return new ShardDigest("", 0, -1);
        }
    }

    boolean isLeader(String shard) {
        return LocalLeaderPath.leads(server, ShardGroups.groupId(shard));
    }

    RaftServer.Division division(String shard) throws IOException {
        return server.getDivision(ShardGroups.groupId(shard));
    }

    ShardStateMachine stateMachine(String shard) throws IOException {
        return (ShardStateMachine) server.getDivision(ShardGroups.groupId(shard)).getStateMachine();
    }

    private RaftGroup group(String shard) {
        RaftGroupId id = ShardGroups.groupId(shard);
        return RaftGroup.valueOf(id, peers);
    }

    private RaftClient newClient(RaftGroup group) {
        return RaftClient.newBuilder()
                .setProperties(properties)
                .setRaftGroup(group)
                .setClientId(ClientId.randomId())
                .setClientRpc(new GrpcFactory(new Parameters()).newRaftClientRpc(ClientId.randomId(), properties))
                // Enough to ride out an election after a leader dies; then the client gets an error.
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(60,
                        TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
                .build();
    }

    private static RaftProperties properties(RaftNodeOptions o) {
        RaftProperties p = new RaftProperties();
        PeerAddress self = o.peers().stream().filter(x -> x.id().equals(o.selfId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node " + o.selfId() + " is not among the peers"));
        GrpcConfigKeys.Server.setPort(p, self.raftPort());
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf("64MB"));
        RaftServerConfigKeys.setStorageDir(p, List.of(o.storageDir().toFile()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2000, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3000, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(o.retention().segmentBytes()));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, o.retention().snapshotEveryEntries());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, o.retention().snapshotsRetained());
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        // Keep the log back to the oldest retained snapshot, so a node whose newest snapshot is
        // corrupt can load the previous one and still replay everything after it.
        RaftServerConfigKeys.Log.setPurgePreservationLogNum(p,
                o.retention().snapshotEveryEntries() * o.retention().snapshotsRetained());
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf("32MB"));
        // Ratis waits 10 ms between appendEntries by default; every commit would pay it.
        RaftServerConfigKeys.Log.Appender.setWaitTimeMin(p, TimeDuration.ZERO);
        // Composing appends sends each follower append through CompletableFuture's default async
        // executor: a new thread per request when the JVM sees 2 CPUs (RATIS-2387).
        RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(p, false);
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf("33MB"));
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3000, TimeUnit.MILLISECONDS));
        return p;
    }

    @Override
    public void close() throws IOException {
        expiries.forEach(ActiveExpiry::close);
        localReads.shutdownNow();
        for (ShardClient c : clients.values()) c.close();
        if (server != null) server.close();
    }
}
