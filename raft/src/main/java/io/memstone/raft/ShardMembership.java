package io.memstone.raft;

import io.memstone.proto.meta.MetaCommand;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.proto.meta.ShardLeader;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the shard groups this node hosts in line with the applied shape, on a thread of its own
 * (never the meta group's apply thread): it joins the groups of the shards it is a member of,
 * leaves removed shards, runs their active expiry, carries on slot moves, and records in the
 * meta group the shards it leads.
 */
final class ShardMembership implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ShardMembership.class);
    private final RaftNode node;
    private final RaftServer server;
    private final ShardClients clients;
    private final MetaProposals proposals;
    private final SlotMover mover;
    private final Map<String, ActiveExpiry> expiries = new ConcurrentHashMap<>();
    private final AtomicLong groupCalls = new AtomicLong();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shard-membership");
        t.setDaemon(true);
        return t;
    });

    ShardMembership(RaftNode node, RaftServer server, ShardClients clients, MetaProposals proposals, SlotMover mover) {
        this.node = node;
        this.server = server;
        this.clients = clients;
        this.proposals = proposals;
        this.mover = mover;
    }

    /** Starts the periodic work: moves are resumed by whichever node leads the meta group, whenever it does. */
    void start() {
        thread.scheduleWithFixedDelay(mover::resume, 1, 1, TimeUnit.SECONDS);
        thread.scheduleWithFixedDelay(this::reportLeadership, 1, 1, TimeUnit.SECONDS);
    }

    /** Called by the meta replica when it applied a new shape. */
    void shapeApplied(ClusterShape shape) {
        thread.execute(() -> apply(shape));
    }

    /** Every node proposes {@code bootstrap} until the meta group has a shape (it keeps the first one applied). */
    void proposeBootstrap(MetaCommand bootstrap) {
        if (node.shape() != null) return;
        proposals.send(bootstrap).whenComplete((reply, error) -> {
            if (node.shape() == null) thread.schedule(() -> proposeBootstrap(bootstrap), 500, TimeUnit.MILLISECONDS);
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
    private void apply(ClusterShape shape) {
        if (shape == null || shape != node.shape()) return;
        ShardStatus replica = node.status(ShardGroups.META);
        if (replica.appliedIndex() < replica.commitIndex()) {
            thread.schedule(() -> apply(node.shape()), 200, TimeUnit.MILLISECONDS);
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
        ClusterShape shape = node.shape();
        if (shape == null) return;
        for (ShardInfo shard : shape.shardsOn(node.selfId())) {
            ShardStatus s = node.status(shard.getName());
            if (!node.isLeader(shard.getName()) || s.term() <= shard.getLeaderTerm()) continue;
            proposals.propose(MetaCommand.newBuilder().setShardLeader(ShardLeader.newBuilder()
                    .setShard(shard.getName()).setNode(node.selfId()).setTerm(s.term())).build());
        }
    }

    /** Adds the groups of the shards this node is a member of and does not host yet. */
    private void joinShards(ClusterShape shape) {
        for (ShardInfo shard : shape.shardsOn(node.selfId())) {
            RaftGroup group = RaftPeers.shardGroup(shape, shard);
            try {
                if (!hosts(group.getGroupId())) {
                    server.groupManagement(GroupManagementRequest.newAdd(ClientId.randomId(), server.getId(),
                            groupCalls.incrementAndGet(), group));
                    LOG.info("joined {} with members {}", shard.getName(), shard.getMembersList());
                }
                expiries.computeIfAbsent(shard.getName(), this::startExpiry);
            } catch (IOException e) {
                LOG.warn("could not join {}: {}; retrying", shard.getName(), e.toString());
                thread.schedule(() -> apply(node.shape()), 1, TimeUnit.SECONDS);
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

    private ActiveExpiry startExpiry(String shard) {
        ActiveExpiry expiry = new ActiveExpiry(shard, node);
        expiry.start();
        return expiry;
    }

    /** Whether this node's server hosts the group now. */
    boolean hosts(RaftGroupId id) {
        for (RaftGroupId g : server.getGroupIds()) {
            if (g.equals(id)) return true;
        }
        return false;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        expiries.values().forEach(ActiveExpiry::close);
    }
}
