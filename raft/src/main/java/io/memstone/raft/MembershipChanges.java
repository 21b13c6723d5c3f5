package io.memstone.raft;

import io.memstone.proto.meta.MetaCommand;
import io.memstone.proto.meta.NodeInfo;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.proto.meta.ShardMembers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds, removes and replaces nodes and moves shard leadership: Ratis configuration changes of
 * every group concerned (the meta group and shard groups), each recorded in the meta group's
 * shape once Ratis committed it. One change runs at a time (the admin service runs them on the
 * meta group's leader). Every group's change is planned and checked ({@link GroupChange#checkSafe})
 * before the first one is made; a change cut short can be run again, steps already done are no-ops.
 *
 * <p>Failures: {@link IllegalArgumentException} for a request naming what does not exist,
 * {@link IllegalStateException} for a change refused as unsafe or concurrent, {@link IOException}
 * when Ratis failed to make it.
 */
public final class MembershipChanges {
    private static final Logger LOG = LoggerFactory.getLogger(MembershipChanges.class);

    /** Told of each step: how many of how many are done, and what the next one is. */
    @FunctionalInterface
    public interface Progress {
        void step(int done, int total, String what);
    }

    private interface Change<T> {
        T run() throws IOException;
    }

    /** A planned change of one group, with its configuration now and the leader it should prefer. */
    private record Planned(GroupChange change, RaftAdmin.Conf current, String preferredLeader) {}

    private final RaftAdmin ratis;
    private final Supplier<ClusterShape> shapes;
    private final AtomicReference<String> running = new AtomicReference<>();

    MembershipChanges(RaftAdmin ratis, Supplier<ClusterShape> shapes) {
        this.ratis = ratis;
        this.shapes = shapes;
    }

    /** {@code node} joins the meta group (a voter while it has fewer than five) and, as a replica, {@code shards}. */
    public void add(NodeInfo node, List<String> shards, Set<String> live, Progress progress) throws IOException {
        exclusively("add " + node.getId() + " to " + (shards.isEmpty() ? "the meta group" : shards), () -> {
            ClusterShape shape = shape();
            Set<String> liveAndNew = with(live, node.getId());
            Planned meta = planMeta(shape, live, c -> GroupChange.adding(ShardGroups.META, c.voterIds(), c.listenerIds(),
                    node.getId(), RaftPeers.META_VOTERS));
            List<Planned> planned = new ArrayList<>();
            for (String name : shards) {
                ShardInfo shard = shape.shards().get(shape.indexOf(name));
                planned.add(planShard(shape, shard, live, c -> GroupChange.adding(name, c.voterIds(), c.listenerIds(),
                        node.getId(), Integer.MAX_VALUE), shard.getPreferredLeader()));
            }
            checkSafe(meta, planned, liveAndNew);
            Steps steps = new Steps(progress, 2 + planned.size());
            Map<String, NodeInfo> nodes = nodes(shape, node);
            steps.next("record " + node.getId() + " in the cluster's shape");
            propose(shape, MetaCommand.newBuilder().setAddNode(node).build());
            steps.next("meta group: " + node.getId() + " joins and catches up");
            changeMeta(meta, nodes, liveAndNew);
            for (Planned p : planned) {
                steps.next(p.change().group() + ": " + node.getId() + " joins and catches up");
                changeShard(p, nodes, liveAndNew);
            }
            steps.done();
            return null;
        });
    }

    /** {@code nodeId} leaves every shard (another member becomes preferred leader where it was) and the meta group. */
    public void remove(String nodeId, Set<String> live, Progress progress) throws IOException {
        exclusively("remove " + nodeId, () -> {
            ClusterShape shape = shape();
            NodeInfo node = shape.node(nodeId).orElseThrow(() -> new IllegalArgumentException("no node " + nodeId + " in the cluster"));
            Planned meta = planMeta(shape, live, c -> GroupChange.removing(ShardGroups.META, c.voterIds(), c.listenerIds(), nodeId));
            List<Planned> planned = new ArrayList<>();
            for (ShardInfo shard : shape.shardsOn(nodeId)) {
                Planned p = planShard(shape, shard, live, c -> GroupChange.removing(shard.getName(),
                        c.voterIds(), c.listenerIds(), nodeId), shard.getPreferredLeader());
                List<String> remaining = p.change().newVoters();
                String preferred = nodeId.equals(shard.getPreferredLeader()) && !remaining.isEmpty()
                        ? remaining.get(0) : shard.getPreferredLeader();
                planned.add(new Planned(p.change(), p.current(), preferred));
            }
            checkSafe(meta, planned, live);
            Steps steps = new Steps(progress, planned.size() + 2);
            Map<String, NodeInfo> nodes = nodes(shape, node);
            for (Planned p : planned) {
                steps.next(p.change().group() + ": " + nodeId + " leaves");
                changeShard(p, nodes, live);
            }
            steps.next("remove " + nodeId + " from the cluster's shape");
            propose(shape, MetaCommand.newBuilder().setRemoveNode(nodeId).build());
            steps.next("meta group: " + nodeId + " leaves");
            changeMeta(meta, nodes, live);
            steps.done();
            return null;
        });
    }

    /**
     * {@code replacement} takes {@code nodeId}'s place in the meta group and in every shard it is a
     * member of (as preferred leader where it was); {@code nodeId} is then removed from the shape.
     */
    public void replace(String nodeId, NodeInfo replacement, Set<String> live, Progress progress) throws IOException {
        String newId = replacement.getId();
        exclusively("replace " + nodeId + " by " + newId, () -> {
            ClusterShape shape = shape();
            if (shape.node(nodeId).isEmpty()) throw new IllegalArgumentException("no node " + nodeId + " in the cluster");
            if (newId.equals(nodeId)) throw new IllegalArgumentException("a node cannot replace itself");
            List<String> already = shape.shardsOn(newId).stream().map(ShardInfo::getName).toList();
            if (!already.isEmpty()) {
                throw new IllegalStateException(newId + " is already a member of " + already + "; choose a node that holds no shard");
            }
            Set<String> liveAndNew = with(live, newId);
            Planned meta = planMeta(shape, live, c -> replaceIn(ShardGroups.META, c, nodeId, newId, RaftPeers.META_VOTERS));
            List<Planned> planned = new ArrayList<>();
            for (ShardInfo shard : shape.shardsOn(nodeId)) {
                String preferred = nodeId.equals(shard.getPreferredLeader()) ? newId : shard.getPreferredLeader();
                planned.add(planShard(shape, shard, live, c -> replaceIn(shard.getName(), c, nodeId, newId, Integer.MAX_VALUE), preferred));
            }
            checkSafe(meta, planned, liveAndNew);
            Steps steps = new Steps(progress, planned.size() + 3);
            Map<String, NodeInfo> nodes = nodes(shape, replacement);
            steps.next("record " + newId + " in the cluster's shape");
            propose(shape, MetaCommand.newBuilder().setAddNode(replacement).build());
            steps.next("meta group: " + newId + " joins and catches up, " + nodeId + " leaves");
            changeMeta(meta, nodes, liveAndNew);
            for (Planned p : planned) {
                steps.next(p.change().group() + ": " + newId + " catches up and replaces " + nodeId);
                changeShard(p, nodes, liveAndNew);
            }
            steps.next("remove " + nodeId + " from the cluster's shape");
            propose(shape(), MetaCommand.newBuilder().setRemoveNode(nodeId).build());
            steps.done();
            return null;
        });
    }

    /** The replacement takes the node's role; a re-run, where it already has, only completes the removal. */
    private static GroupChange replaceIn(String group, RaftAdmin.Conf c, String nodeId, String newId, int maxVoters) {
        boolean oldIn = c.voterIds().contains(nodeId) || c.listenerIds().contains(nodeId);
        boolean newIn = c.voterIds().contains(newId) || c.listenerIds().contains(newId);
        if (newIn) return GroupChange.removing(group, c.voterIds(), c.listenerIds(), nodeId);
        if (!oldIn) return GroupChange.adding(group, c.voterIds(), c.listenerIds(), newId, maxVoters);
        return GroupChange.replacing(group, c.voterIds(), c.listenerIds(), nodeId, newId);
    }

    /**
     * Makes {@code target} the shard's leader and its preferred leader (Ratis gives leadership to
     * the member of highest priority, so without that it would move back).
     */
    public void transferLeadership(String shardName, String target, Set<String> live) throws IOException {
        exclusively("move the leadership of " + shardName + " to " + target, () -> {
            ClusterShape shape = shape();
            ShardInfo shard = shape.shards().get(shape.indexOf(shardName));
            if (!shard.getMembersList().contains(target)) {
                throw new IllegalArgumentException(target + " is not a member of " + shardName + " (members: " + shard.getMembersList() + ")");
            }
            if (!live.contains(target)) throw new IllegalStateException(target + " is unreachable");
            RaftAdmin.Conf current = ratis.conf(shardName, liveMembers(shape, shard.getMembersList(), live));
            RaftAdmin.Conf prioritized = new RaftAdmin.Conf(current.voters().stream()
                    .map(p -> RaftPeer.newBuilder(p).setPriority(p.getId().toString().equals(target) ? 1 : 0).build()).toList(),
                    current.listeners());
            if (!priorities(prioritized).equals(priorities(current))) ratis.setConfiguration(shardName, current, prioritized);
            if (!target.equals(shard.getPreferredLeader())) {
                propose(shape, MetaCommand.newBuilder().setSetShardMembers(ShardMembers.newBuilder().setShard(shardName)
                        .addAllMembers(shard.getMembersList()).setPreferredLeader(target)).build());
            }
            ratis.transferLeadership(shardName, prioritized, target);
            return null;
        });
    }

    private <T> T exclusively(String what, Change<T> change) throws IOException {
        if (!running.compareAndSet(null, what)) {
            throw new IllegalStateException("another change is running (" + running.get() + "); try again when it is done");
        }
        try {
            LOG.info("{}: started", what);
            T result = change.run();
            LOG.info("{}: done", what);
            return result;
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: not done: {}", what, e.getMessage());
            throw e;
        } finally {
            running.set(null);
        }
    }

    private Planned planMeta(ClusterShape shape, Set<String> live, Function<RaftAdmin.Conf, GroupChange> plan)
            throws IOException {
        List<String> all = shape.nodes().stream().map(NodeInfo::getId).toList();
        RaftAdmin.Conf current = ratis.conf(ShardGroups.META, liveMembers(shape, all, live));
        return new Planned(plan.apply(current), current, "");
    }

    private Planned planShard(ClusterShape shape, ShardInfo shard, Set<String> live,
                              Function<RaftAdmin.Conf, GroupChange> plan, String preferred) throws IOException {
        RaftAdmin.Conf current = ratis.conf(shard.getName(), liveMembers(shape, shard.getMembersList(), live));
        return new Planned(plan.apply(current), current, preferred);
    }

    private static void checkSafe(Planned meta, List<Planned> shards, Set<String> live) {
        meta.change().checkSafe(live);
        for (Planned p : shards) p.change().checkSafe(live);
    }

    /** The meta group's members change; a node joining gets the group first (see {@link #changeShard}). */
    private void changeMeta(Planned p, Map<String, NodeInfo> nodes, Set<String> live) throws IOException {
        if (p.change().isNoop()) return;
        RaftAdmin.Conf target = conf(p.change(), "", nodes);
        for (String id : p.change().joining()) ratis.addGroup(nodes.get(id), group(ShardGroups.META, p.current()));
        ratis.setConfiguration(ShardGroups.META, p.current(), target);
        leave(p.change(), nodes, live);
    }

    /**
     * A shard's members change: each joining node gets the group (empty), Ratis catches it up and
     * commits the new configuration, the shape records it, and nodes that left drop the group.
     * A joining node gets the group with the current members, which do not include it: Ratis
     * then has it wait for the leader instead of campaigning in a group that does not know it
     * yet (whose members would tell it to shut down).
     */
    private void changeShard(Planned p, Map<String, NodeInfo> nodes, Set<String> live) throws IOException {
        GroupChange change = p.change();
        RaftAdmin.Conf target = conf(change, p.preferredLeader(), nodes);
        for (String id : change.joining()) ratis.addGroup(nodes.get(id), group(change.group(), p.current()));
        if (!change.isNoop() || !priorities(target).equals(priorities(p.current()))) {
            ratis.setConfiguration(change.group(), p.current(), target);
        }
        ClusterShape shape = shape();
        ShardInfo recorded = shape.shards().get(shape.indexOf(change.group()));
        List<String> members = inRecordedOrder(change.newVoters(), recorded);
        if (!recorded.getMembersList().equals(members) || !recorded.getPreferredLeader().equals(p.preferredLeader())) {
            propose(shape, MetaCommand.newBuilder().setSetShardMembers(ShardMembers.newBuilder().setShard(change.group())
                    .addAllMembers(members).setPreferredLeader(p.preferredLeader())).build());
        }
        leave(change, nodes, live);
    }

    /** The shard's members in the order the shape had them (Ratis' order is its own), new ones last. */
    private static List<String> inRecordedOrder(List<String> members, ShardInfo recorded) {
        List<String> out = new ArrayList<>(recorded.getMembersList().stream().filter(members::contains).toList());
        for (String m : members) {
            if (!out.contains(m)) out.add(m);
        }
        return out;
    }

    /** Nodes that left a group drop it, if they can be reached (a dead node's copy goes with the node). */
    private void leave(GroupChange change, Map<String, NodeInfo> nodes, Set<String> live) {
        for (String id : change.leaving()) {
            if (!live.contains(id)) continue;
            try {
                ratis.removeGroup(nodes.get(id), change.group());
            } catch (IOException e) {
                LOG.warn("{} left {} but could not drop its copy: {}", id, change.group(), e.getMessage());
            }
        }
    }

    private static RaftAdmin.Conf conf(GroupChange change, String preferred, Map<String, NodeInfo> nodes) {
        return new RaftAdmin.Conf(
                change.newVoters().stream().map(id -> RaftAdmin.peer(nodes.get(id), id.equals(preferred) ? 1 : 0)).toList(),
                change.newListeners().stream().map(id -> RaftAdmin.peer(nodes.get(id), 0)).toList());
    }

    private static RaftGroup group(String name, RaftAdmin.Conf conf) {
        List<RaftPeer> peers = new ArrayList<>(conf.voters());
        for (RaftPeer l : conf.listeners()) peers.add(RaftPeer.newBuilder(l).setStartupRole(RaftPeerRole.LISTENER).build());
        return RaftGroup.valueOf(ShardGroups.groupId(name), peers);
    }

    private static Map<String, Integer> priorities(RaftAdmin.Conf conf) {
        Map<String, Integer> out = new HashMap<>();
        for (RaftPeer p : conf.voters()) out.put(p.getId().toString(), p.getPriority());
        return out;
    }

    private void propose(ClusterShape shape, MetaCommand command) throws IOException {
        ratis.propose(shape.nodes(), command);
    }

    private static List<NodeInfo> liveMembers(ClusterShape shape, List<String> members, Set<String> live) {
        List<NodeInfo> out = new ArrayList<>();
        for (String id : members) {
            if (live.contains(id)) shape.node(id).ifPresent(out::add);
        }
        if (out.isEmpty()) throw new IllegalStateException("no member of " + members + " is reachable");
        return out;
    }

    private static Map<String, NodeInfo> nodes(ClusterShape shape, NodeInfo extra) {
        Map<String, NodeInfo> out = new HashMap<>();
        for (NodeInfo n : shape.nodes()) out.put(n.getId(), n);
        out.put(extra.getId(), extra);
        return out;
    }

    private static Set<String> with(Set<String> live, String id) {
        Set<String> out = new HashSet<>(live);
        out.add(id);
        return out;
    }

    private ClusterShape shape() {
        ClusterShape s = shapes.get();
        if (s == null) throw new IllegalStateException("the cluster is not bootstrapped yet");
        return s;
    }

    /** Numbers the steps of a change for its progress reports. */
    private static final class Steps {
        private final Progress progress;
        private final int total;
        private int done;

        Steps(Progress progress, int total) {
            this.progress = progress;
            this.total = total;
        }

        void next(String what) {
            progress.step(done++, total, what);
        }

        void done() {
            progress.step(total, total, "done");
        }
    }
}
