package io.memstone.raft;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import io.memstone.engine.Reply;
import io.memstone.proto.meta.MetaCommand;
import io.memstone.proto.meta.NodeInfo;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.proto.meta.ShardLeader;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's Ratis server. It hosts the meta group (the cluster's shape) and the shard groups
 * this node is a member of, through a state machine registry, and gives the gateway a
 * {@link ShardClient} per shard. A new cluster's shard groups are created when the meta
 * group's bootstrap entry is applied: every member adds the groups it belongs to.
 */
public final class RaftNode implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);
    /** Voters of the meta group; further nodes follow it as listeners. */
    static final int META_VOTERS = 5;

    private final RaftNodeOptions options;
    private final RaftProperties properties;
    private final Map<String, ActiveExpiry> expiries = new ConcurrentHashMap<>();
    /** Runs local linearizable reads off the proposers' threads. */
    private final ExecutorService localReads = daemonExecutor("local-reads");
    /** Joins shard groups as the shape changes, off the meta group's apply thread. */
    private final ScheduledExecutorService membership = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shard-membership");
        t.setDaemon(true);
        return t;
    });
    private final List<Consumer<ClusterParameters>> parameterListeners = new CopyOnWriteArrayList<>();
    /** A new one each time this node joins the meta group (again, after it was removed). */
    private volatile MetaStateMachine meta = newMeta();
    private final SlotMover mover = new SlotMover(this);
    private final Resharding resharding = new Resharding(this);
    private final AtomicLong groupCalls = new AtomicLong();
    private RaftServer server;
    private ShardClients clients;
    private RenewingClient metaClient;
    private final RaftAdmin admin = new RaftAdmin();
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
        RaftGroup metaGroup = metaGroup();
        RaftGroupId metaId = metaGroup.getGroupId();
        RaftServer.Builder builder = RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf(options.selfId()))
                .setProperties(properties)
                .setOption(RaftStorage.StartupOption.RECOVER)
                .setStateMachineRegistry(id -> id.equals(metaId) ? (meta = newMeta()) : new ShardStateMachine(options.payloadMode()));
        if (!options.join()) builder.setGroup(metaGroup);
        server = builder.build();
        server.start();
        clients = new ShardClients(server, properties, this::requireShape, localReads, options.maxInFlight(), options.maxBatch());
        metaClient = new RenewingClient(ShardGroups.META, () -> RatisSettings.newClient(properties, metaGroupNow(),
                RatisSettings.RIDE_OUT_ELECTION));
        changes = new MembershipChanges(admin, this::shape);
        if (options.join()) LOG.info("joining an existing cluster: waiting to be added (memstone admin add-node or replace-node)");
        else membership.execute(this::proposeBootstrap);
        // Moves are resumed by whichever node leads the meta group, whenever it does.
        membership.scheduleWithFixedDelay(mover::resume, 1, 1, TimeUnit.SECONDS);
        membership.scheduleWithFixedDelay(this::reportLeadership, 1, 1, TimeUnit.SECONDS);
        LOG.info("raft server {} started: nodes {}, log payloads in {}", options.selfId(),
                options.nodes().stream().map(NodeInfo::getId).toList(), options.payloadMode());
    }

    private MetaStateMachine newMeta() {
        return new MetaStateMachine(shape -> membership.execute(() -> applyShape(shape)),
                parameters -> parameterListeners.forEach(l -> l.accept(parameters)));
    }

    /** Every node proposes the shape from its config; the meta group keeps the first one applied. */
    private void proposeBootstrap() {
        if (meta.shape() != null) return;
        MetaCommand bootstrap = MetaCommand.newBuilder()
                .setBootstrap(ClusterShape.initial(options.nodes(), options.shards()).map()).build();
        metaClient.send(Message.valueOf(ByteString.copyFrom(bootstrap.toByteArray())))
                .whenComplete((reply, error) -> {
                    if (meta.shape() == null) membership.schedule(this::proposeBootstrap, 500, TimeUnit.MILLISECONDS);
                });
    }

    /**
     * Joins and leaves shard groups as the shape says, and carries on its slot moves. Only the
     * newest shape counts, once the meta replica has applied all it knows to be committed: a
     * node added to the meta group replays its whole log, and the old shapes in it may list this
     * node in shards it has left since (it was removed, then added back with its data wiped).
     * Acting on those, it would add shard groups with their old members while the admin service
     * adds the same groups, and Ratis drops a group added twice at once.
     */
    private void applyShape(ClusterShape shape) {
        if (shape == null || shape != meta.shape()) return;
        ShardStatus replica = status(ShardGroups.META);
        if (replica.appliedIndex() < replica.commitIndex()) {
            membership.schedule(() -> applyShape(meta.shape()), 200, TimeUnit.MILLISECONDS);
            return;
        }
        joinShards(shape);
        clients.membersChanged(shape);
        leaveRemovedShards(shape);
        mover.resume();
    }

    /**
     * Records in the meta group the shards this node leads in a newer term than recorded, so
     * that every node (members or not) can name each shard's primary.
     */
    private void reportLeadership() {
        ClusterShape shape = meta.shape();
        if (shape == null) return;
        for (ShardInfo shard : shape.shardsOn(options.selfId())) {
            ShardStatus s = status(shard.getName());
            if (!isLeader(shard.getName()) || s.term() <= shard.getLeaderTerm()) continue;
            proposeMeta(MetaCommand.newBuilder().setShardLeader(ShardLeader.newBuilder()
                    .setShard(shard.getName()).setNode(options.selfId()).setTerm(s.term())).build());
        }
    }

    /** Adds the groups of the shards this node is a member of and does not host yet. */
    private void joinShards(ClusterShape shape) {
        for (ShardInfo shard : shape.shardsOn(options.selfId())) {
            RaftGroup group = shardGroup(shape, shard);
            try {
                if (!hosts(group.getGroupId())) {
                    server.groupManagement(GroupManagementRequest.newAdd(ClientId.randomId(), server.getId(),
                            groupCalls.incrementAndGet(), group));
                    LOG.info("joined {} with members {}", shard.getName(), shard.getMembersList());
                }
                expiries.computeIfAbsent(shard.getName(), this::startExpiry);
            } catch (IOException e) {
                LOG.warn("could not join {}: {}; retrying", shard.getName(), e.toString());
                membership.schedule(() -> applyShape(meta.shape()), 1, TimeUnit.SECONDS);
                return;
            }
        }
    }

    private void leaveRemovedShards(ClusterShape shape) {
        for (String name : List.copyOf(expiries.keySet())) {
            if (shape.shard(name).isPresent()) continue;
            try {
                expiries.remove(name).close();
                clients.remove(name);
                server.groupManagement(GroupManagementRequest.newRemove(ClientId.randomId(), server.getId(),
                        groupCalls.incrementAndGet(), ShardGroups.groupId(name), true, false));
                LOG.info("left {}: the shard was removed", name);
            } catch (IOException e) {
                LOG.warn("could not leave {}: {}", name, e.toString());
            }
        }
    }

    /**
     * Proposes a change to the meta group; completes with its outcome ("OK" or "ERR ...") once
     * this node's replica has applied it too, so that {@link #shape()} shows it.
     */
    CompletableFuture<String> proposeMeta(MetaCommand command) {
        return metaClient.send(Message.valueOf(ByteString.copyFrom(command.toByteArray())))
                .thenCompose(reply -> {
                    if (!reply.isSuccess()) throw new ShardUnavailableException(ShardGroups.META, reply.getException());
                    String outcome = reply.getMessage().getContent().toStringUtf8();
                    // A refused change is not waited for: it changed nothing.
                    if (!outcome.equals("OK")) return CompletableFuture.completedFuture(outcome);
                    return shapeWhere(shape -> metaApplied() >= reply.getLogIndex()).thenApply(v -> outcome);
                });
    }

    private long metaApplied() {
        TermIndex applied = meta.getLastAppliedTermIndex();
        return applied == null ? -1 : applied.getIndex();
    }

    /** Online resharding: slot moves, adding and removing shards. */
    public Resharding resharding() {
        return resharding;
    }

    /** Completes once the applied shape satisfies {@code condition} (at once if it does now). */
    CompletableFuture<Void> shapeWhere(Predicate<ClusterShape> condition) {
        return meta.when(condition);
    }

    private ActiveExpiry startExpiry(String shard) {
        ActiveExpiry expiry = new ActiveExpiry(shard, this);
        expiry.start();
        return expiry;
    }

    private boolean hosts(RaftGroupId id) {
        for (RaftGroupId g : server.getGroupIds()) {
            if (g.equals(id)) return true;
        }
        return false;
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

    /**
     * Proposes a change of the replicated parameters; completes once this node's meta replica
     * has applied it (its listeners have run), or fails with an {@link IllegalArgumentException}
     * saying why the change is refused (checked here first, then by every replica alike).
     */
    public CompletableFuture<ClusterParameters> setParameters(Map<String, String> changes) {
        try {
            parameters().with(changes);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        MetaCommand set = MetaCommand.newBuilder()
                .setSetParameters(io.memstone.proto.meta.Parameters.newBuilder().putAllValues(changes)).build();
        return proposeMeta(set).thenApply(outcome -> {
            if (!outcome.equals("OK")) throw new IllegalArgumentException(outcome.startsWith("ERR ") ? outcome.substring(4) : outcome);
            return parameters();
        });
    }

    /** {@code listener} is told of every parameter change this node applies (on the apply thread: must not block). */
    public void onParameters(Consumer<ClusterParameters> listener) {
        parameterListeners.add(listener);
    }

    /** The cluster's shape as this node's meta replica knows it; null until the cluster is bootstrapped. */
    public ClusterShape shape() {
        return meta.shape();
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
        if (!hosts(ShardGroups.groupId(shard))) return null;
        return CompletableFuture.supplyAsync(() -> {
            try {
                return stateMachine(shard).readLocal(argv);
            } catch (IOException e) {
                throw new ShardUnavailableException(shard, e);
            }
        }, localReads);
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

    /** The meta group's members as the applied shape knows them (nodes added since start included). */
    private RaftGroup metaGroupNow() {
        ClusterShape shape = meta.shape();
        if (shape == null) return metaGroup();
        List<RaftPeer> peers = shape.nodes().stream().map(n -> peer(n).build()).toList();
        return RaftGroup.valueOf(ShardGroups.groupId(ShardGroups.META), peers);
    }

    /** All nodes; the first {@value #META_VOTERS} vote, the others listen. */
    private RaftGroup metaGroup() {
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < options.nodes().size(); i++) {
            NodeInfo n = options.nodes().get(i);
            RaftPeer.Builder p = peer(n);
            if (i >= META_VOTERS) p.setStartupRole(RaftPeerRole.LISTENER);
            peers.add(p.build());
        }
        return RaftGroup.valueOf(ShardGroups.groupId(ShardGroups.META), peers);
    }

    /** A shard's members; Ratis hands leadership to the preferred one once it has caught up. */
    static RaftGroup shardGroup(ClusterShape shape, ShardInfo shard) {
        List<RaftPeer> peers = new ArrayList<>();
        for (String id : shard.getMembersList()) {
            NodeInfo n = shape.node(id).orElseThrow(() -> new IllegalStateException("shard " + shard.getName() + " names unknown node " + id));
            peers.add(peer(n).setPriority(id.equals(shard.getPreferredLeader()) ? 1 : 0).build());
        }
        return RaftGroup.valueOf(ShardGroups.groupId(shard.getName()), peers);
    }

    static RaftPeer.Builder peer(NodeInfo n) {
        return RaftPeer.newBuilder().setId(n.getId()).setAddress(n.getHost() + ":" + n.getRaftPort());
    }

    private static ExecutorService daemonExecutor(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() throws IOException {
        membership.shutdownNow();
        mover.close();
        expiries.values().forEach(ActiveExpiry::close);
        localReads.shutdownNow();
        if (clients != null) clients.close();
        if (metaClient != null) metaClient.close();
        if (server != null) server.close();
    }
}
