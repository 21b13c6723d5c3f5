package io.memstone.raft;

import io.memstone.engine.Reply;
import com.google.protobuf.ByteString;
import io.memstone.acl.AclUsers;
import io.memstone.acl.Latin1;
import io.memstone.engine.MemoryPolicy;
import io.memstone.proto.meta.AclDeleteUsers;
import io.memstone.proto.meta.AclSetUser;
import io.memstone.proto.meta.MetaCommand;
import io.memstone.proto.meta.NodeInfo;
import io.memstone.proto.meta.ShardInfo;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's Ratis server. It hosts the meta group (the cluster's shape) and the shard groups
 * this node is a member of, through a state machine registry, and gives the gateway a
 * {@link ShardClient} per shard. A new cluster's shard groups are created when the meta
 * group's bootstrap entry is applied: every member adds the groups it belongs to
 * ({@link ShardMembership}); changes to the metadata go through {@link MetaProposals}.
 */
public final class RaftNode implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

    private final RaftNodeOptions options;
    private final RaftProperties properties;
    /** Runs local linearizable reads off the proposers' threads. */
    private final ExecutorService localReads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "local-reads");
        t.setDaemon(true);
        return t;
    });
    private final List<Consumer<ClusterParameters>> parameterListeners = new CopyOnWriteArrayList<>();
    /** The maxmemory parameters every local shard replica applies, from the last parameters applied. */
    private volatile MemoryPolicy memoryPolicy = MemoryPolicy.DEFAULT;
    private final List<Consumer<List<byte[]>>> readyKeyListeners = new CopyOnWriteArrayList<>();
    /** What every local shard replica reports after apply, passed on to the listeners. */
    private final Consumer<List<byte[]>> readyKeys = keys -> readyKeyListeners.forEach(l -> l.accept(keys));
    private final List<Consumer<AclUsers>> userListeners = new CopyOnWriteArrayList<>();
    /** A new one each time this node joins the meta group (again, after it was removed). */
    private volatile MetaStateMachine meta = newMeta();
    private final SlotMover mover = new SlotMover(this);
    private final Resharding resharding = new Resharding(this);
    private final RaftAdmin admin = new RaftAdmin();
    private final EncodingSync encodingSync = new EncodingSync(this);
    private RaftServer server;
    private ShardClients clients;
    private MetaProposals proposals;
    /** Null until started; shapes applied before that are caught up with at start. */
    private volatile ShardMembership membership;
    private MembershipChanges changes;

    public RaftNode(RaftNodeOptions options) {
        this.options = options;
        this.properties = RatisSettings.of(options);
    }

    /**
     * Starts the server with the meta group (shard groups already on disk are recovered by
     * Ratis), and proposes the initial shape until the meta group has one. A node joining an
     * existing cluster starts without the meta group: the admin service gives it the group when
     * it adds the node, and the node learns the shape by applying the group's log.
     */
    public void start() throws IOException {
        RaftGroup metaGroup = RaftPeers.metaGroup(options.nodes());
        RaftGroupId metaId = metaGroup.getGroupId();
        RaftServer.Builder builder = RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf(options.selfId()))
                .setProperties(properties)
                .setOption(RaftStorage.StartupOption.RECOVER)
                .setStateMachineRegistry(id -> id.equals(metaId) ? (meta = newMeta())
                        : new ShardStateMachine(options.payloadMode(), readyKeys, () -> memoryPolicy, () -> logName(id)));
        if (!options.join()) builder.setGroup(metaGroup);
        server = builder.build();
        server.start();
        clients = new ShardClients(server, properties, this::requireShape, localReads, options.maxInFlight(), options.maxBatch());
        proposals = new MetaProposals(new RenewingClient(ShardGroups.META, () -> RatisSettings.newClient(properties,
                meta.shape() == null ? metaGroup : RaftPeers.metaGroup(meta.shape()), RatisSettings.RIDE_OUT_ELECTION)),
                () -> meta);
        changes = new MembershipChanges(admin, this::shape);
        membership = new ShardMembership(this, server, clients, proposals, mover);
        membership.shapeApplied(meta.shape());
        membership.start();
        parameterListeners.add(p -> encodingSync.changed());
        encodingSync.start();
        if (options.join()) {
            LOG.info("joining an existing cluster: waiting to be added (memstone admin add-node or replace-node)");
        } else {
            membership.proposeBootstrap(MetaCommand.newBuilder()
                    .setBootstrap(ClusterShape.initial(options.nodes(), options.shards()).map()).build());
        }
        LOG.info("raft server {} started: nodes {}, log payloads in {}", options.selfId(),
                options.nodes().stream().map(NodeInfo::getId).toList(), options.payloadMode());
    }

    private MetaStateMachine newMeta() {
        return new MetaStateMachine(shape -> {
            ShardMembership m = membership;
            if (m != null) m.shapeApplied(shape);
        }, parameters -> {
            memoryPolicy = MemoryPolicy.of(parameters::get);
            parameterListeners.forEach(l -> l.accept(parameters));
        },
                users -> userListeners.forEach(l -> l.accept(users)));
    }

    /**
     * Proposes a change to the meta group; completes with its outcome ("OK" or "ERR ...") once
     * this node's replica has applied it too, so that {@link #shape()} shows it.
     */
    CompletableFuture<String> proposeMeta(MetaCommand command) {
        return proposals.propose(command);
    }

    /**
     * Tells {@code listener}, on a shard's apply thread, the keys an entry applied by a local
     * replica pushed elements into; the gateway wakes the clients blocked on them.
     */
    public void onReadyKeys(Consumer<List<byte[]>> listener) {
        readyKeyListeners.add(listener);
    }

    /** Whether this node holds a replica of the shard serving {@code slot}, so it hears of that shard's ready keys. */
    public boolean hostsSlot(int slot) {
        ClusterShape shape = meta.shape();
        ShardInfo shard = shape == null ? null : shape.shardOf(slot);
        return shard != null && shard.getMembersList().contains(options.selfId());
    }

    /** Online resharding: slot moves, adding and removing shards. */
    public Resharding resharding() {
        return resharding;
    }

    /** Completes once the applied shape satisfies {@code condition} (at once if it does now). */
    CompletableFuture<Void> shapeWhere(Predicate<ClusterShape> condition) {
        return meta.when(condition);
    }

    /** Membership and leadership changes (the admin service's); run them on the meta group's leader. */
    public MembershipChanges changes() {
        return changes;
    }

    /** Ratis' management calls (snapshots, meta group proposals) for the admin service. */
    public RaftAdmin admin() {
        return admin;
    }

    /** Snapshot files of the groups this node holds. */
    public List<LocalSnapshot> snapshotFiles() {
        return LocalSnapshot.list(server, meta.shape());
    }

    /** The replicated parameter group as this node's meta replica knows it. */
    public ClusterParameters parameters() {
        return meta.parameters();
    }

    /** See {@link MetaProposals#setParameters}. */
    public CompletableFuture<ClusterParameters> setParameters(Map<String, String> changes) {
        return proposals.setParameters(changes);
    }

    /** {@code listener} is told of every parameter change this node applies (on the apply thread: must not block). */
    public void onParameters(Consumer<ClusterParameters> listener) {
        parameterListeners.add(listener);
    }

    /** The ACL users as this node's meta replica knows them. */
    public AclUsers users() {
        return meta.users();
    }

    /**
     * ACL SETUSER through the meta group, rules with passwords already hashed; completes with
     * the outcome ("OK" or "ERR reason") once this node applied it.
     */
    public CompletableFuture<String> setUser(String name, List<String> hashedRules) {
        return proposals.changeUsers(MetaCommand.newBuilder().setAclSetUser(AclSetUser.newBuilder()
                .setName(ByteString.copyFrom(Latin1.bytes(name)))
                .addAllRules(hashedRules.stream().map(r -> ByteString.copyFrom(Latin1.bytes(r))).toList())).build());
    }

    /** ACL DELUSER through the meta group; the outcome is "OK n" (n of them existed) or "ERR reason". */
    public CompletableFuture<String> deleteUsers(List<String> names) {
        return proposals.changeUsers(MetaCommand.newBuilder().setAclDeleteUsers(AclDeleteUsers.newBuilder()
                .addAllNames(names.stream().map(n -> ByteString.copyFrom(Latin1.bytes(n))).toList())).build());
    }

    /** {@code listener} is told of every change of the ACL users this node applies (on the apply thread: must not block). */
    public void onUsers(Consumer<AclUsers> listener) {
        userListeners.add(listener);
    }

    /** The cluster's shape as this node's meta replica knows it; null until the cluster is bootstrapped. */
    public ClusterShape shape() {
        return meta.shape();
    }

    /** How this node's log lines name a shard group: "n1 shard-0" once the shape names it. */
    private String logName(RaftGroupId id) {
        ClusterShape shape = meta == null ? null : meta.shape();
        String shard = shape == null ? null : shape.shards().stream().map(ShardInfo::getName)
                .filter(name -> ShardGroups.groupId(name).equals(id)).findFirst().orElse(null);
        return options.selfId() + " " + (shard == null ? id : shard);
    }

    /** Names of the shards this node holds a replica of, as the applied shape says. */
    public List<String> hostedShards() {
        ClusterShape shape = meta.shape();
        return shape == null ? List.of() : shape.shardsOn(options.selfId()).stream().map(ShardInfo::getName).toList();
    }

    public String selfId() {
        return options.selfId();
    }

    /** The client this node uses to reach a shard's leader (created on first use). */
    public ShardClient shard(String shard) {
        return clients.get(shard);
    }

    ClusterShape requireShape() {
        ClusterShape shape = meta.shape();
        if (shape == null) throw new ShardUnavailableException(ShardGroups.META, new IllegalStateException("cluster not bootstrapped yet"));
        return shape;
    }

    /** This node's view of a group (a shard or {@link ShardGroups#META}). */
    public ShardStatus status(String shard) {
        try {
            RaftServer.Division d = server.getDivision(ShardGroups.groupId(shard));
            RaftPeerId leader = d.getInfo().getLeaderId();
            List<String> members = new ArrayList<>();
            for (RaftPeerRole role : List.of(RaftPeerRole.FOLLOWER, RaftPeerRole.LISTENER)) {
                d.getRaftConf().getCurrentPeers(role).forEach(p -> members.add(p.getId().toString()));
            }
            // A group just added to this server has no role until its state machine has started.
            RaftPeerRole role = d.getInfo().getCurrentRole();
            return new ShardStatus(shard, role == null ? "starting" : role.name().toLowerCase(java.util.Locale.ROOT),
                    leader == null ? "" : leader.toString(), d.getInfo().getCurrentTerm(),
                    d.getRaftLog().getLastCommittedIndex(), d.getInfo().getLastAppliedIndex(), members);
        } catch (IOException e) {
            return new ShardStatus(shard, "unknown", "", 0, 0, 0, List.of());
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

    /**
     * A read answered by this node's replica of the shard as it is now (no read index; after
     * READONLY); null when this node holds no replica of it.
     */
    public CompletableFuture<Reply> readLocal(String shard, byte[][] argv) {
        if (!membership.hosts(ShardGroups.groupId(shard))) return null;
        return CompletableFuture.supplyAsync(() -> {
            try {
                ClusterShape shape = meta.shape();
                return stateMachine(shard).readLocal(argv, shape != null && shape.oneShard());
            } catch (IOException e) {
                throw new ShardUnavailableException(shard, e);
            }
        }, localReads);
    }

    /** Data bytes of the local replica of {@code shard} as of its last applied entry; -1 when this node holds none. */
    public long dataBytes(String shard) {
        if (!membership.hosts(ShardGroups.groupId(shard))) return -1;
        try {
            return stateMachine(shard).dataBytes();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Keys the local replica of {@code shard} has evicted; 0 when this node holds none. */
    public long evictedKeys(String shard) {
        if (!membership.hosts(ShardGroups.groupId(shard))) return 0;
        try {
            return stateMachine(shard).evictedKeys();
        } catch (IOException e) {
            return 0;
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

    @Override
    public void close() throws IOException {
        if (membership != null) membership.close();
        encodingSync.close();
        mover.close();
        localReads.shutdownNow();
        if (clients != null) clients.close();
        if (proposals != null) proposals.close();
        if (server != null) server.close();
    }
}
