package io.memstone.raft;

import io.memstone.proto.meta.ClusterMap;
import io.memstone.proto.meta.NodeInfo;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.proto.meta.ShardLeader;
import io.memstone.proto.meta.SlotMove;
import io.memstone.proto.meta.ShardMembers;
import io.memstone.proto.meta.SlotRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster's shape as the meta group holds it (nodes, shards, slot map), with the lookups
 * routing needs. Immutable: a change of shape is a new instance.
 */
public final class ClusterShape {
    public static final int SLOTS = 16384;
    /** Replicas per shard, in distinct zones when there are that many. */
    static final int REPLICATION = 3;

    private final ClusterMap map;
    private final short[] owner = new short[SLOTS];

    public ClusterShape(ClusterMap map) {
        this.map = map;
        Arrays.fill(owner, (short) -1);
        for (SlotRange r : map.getSlotsList()) Arrays.fill(owner, r.getFirst(), r.getLast() + 1, (short) indexOf(r.getShard()));
    }

    /**
     * The shape a new cluster starts with: {@code shards} shards with consecutive, equal slot
     * ranges; shard i is led by node i mod N (so with as many shards as nodes each node leads
     * one) and replicated on the next nodes of distinct zones.
     */
    public static ClusterShape initial(List<NodeInfo> nodes, int shards) {
        if (nodes.isEmpty() || shards < 1 || shards > SLOTS) {
            throw new IllegalArgumentException(shards + " shards on " + nodes.size() + " nodes");
        }
        ClusterMap.Builder b = ClusterMap.newBuilder().addAllNodes(nodes).setEpoch(1);
        int replicas = Math.min(REPLICATION, nodes.size());
        for (int i = 0; i < shards; i++) {
            List<NodeInfo> members = placement(nodes, i % nodes.size(), replicas);
            b.addShards(ShardInfo.newBuilder().setName(ShardGroups.shardName(i))
                    .addAllMembers(members.stream().map(NodeInfo::getId).toList())
                    .setPreferredLeader(members.get(0).getId()));
            b.addSlots(SlotRange.newBuilder().setFirst(i * SLOTS / shards).setLast((i + 1) * SLOTS / shards - 1)
                    .setShard(ShardGroups.shardName(i)));
        }
        return new ClusterShape(b.build());
    }

    /** The leader first, then the following nodes of zones not yet used, then any others. */
    private static List<NodeInfo> placement(List<NodeInfo> nodes, int leader, int replicas) {
        List<NodeInfo> chosen = new ArrayList<>(List.of(nodes.get(leader)));
        Set<String> zones = new HashSet<>(Set.of(nodes.get(leader).getZone()));
        for (int pass = 0; pass < 2 && chosen.size() < replicas; pass++) {
            for (int j = 1; j < nodes.size() && chosen.size() < replicas; j++) {
                NodeInfo n = nodes.get((leader + j) % nodes.size());
                if (chosen.contains(n) || (pass == 0 && zones.contains(n.getZone()))) continue;
                chosen.add(n);
                zones.add(n.getZone());
            }
        }
        return chosen;
    }

    public ClusterMap map() {
        return map;
    }

    public List<NodeInfo> nodes() {
        return map.getNodesList();
    }

    public List<ShardInfo> shards() {
        return map.getShardsList();
    }

    /** One shard serves every slot: the cluster is a standalone Redis to its clients. */
    public boolean oneShard() {
        return map.getShardsCount() == 1;
    }

    public Optional<NodeInfo> node(String id) {
        return nodes().stream().filter(n -> n.getId().equals(id)).findFirst();
    }

    /** The shard serving a slot, or null when no shard does. */
    public ShardInfo shardOf(int slot) {
        int s = owner[slot];
        return s < 0 ? null : map.getShards(s);
    }

    /** The slot ranges each shard serves, by shard index. */
    public List<List<SlotRange>> rangesByShard() {
        List<List<SlotRange>> ranges = new ArrayList<>();
        for (int i = 0; i < map.getShardsCount(); i++) ranges.add(new ArrayList<>());
        for (SlotRange r : map.getSlotsList()) ranges.get(indexOf(r.getShard())).add(r);
        return ranges;
    }

    /** Position of a shard in {@link #shards()}. */
    public int indexOf(String shard) {
        for (int i = 0; i < map.getShardsCount(); i++) {
            if (map.getShards(i).getName().equals(shard)) return i;
        }
        throw new IllegalArgumentException("no shard " + shard + " in the cluster map");
    }

    public List<SlotMove> moves() {
        return map.getMovesList();
    }

    public Optional<SlotMove> move(String id) {
        return moves().stream().filter(m -> m.getId().equals(id)).findFirst();
    }

    public Optional<ShardInfo> shard(String name) {
        return shards().stream().filter(s -> s.getName().equals(name)).findFirst();
    }

    /** Slots a shard serves. */
    public int slotCount(String shard) {
        int i = indexOf(shard);
        int n = 0;
        for (short o : owner) {
            if (o == i) n++;
        }
        return n;
    }

    /** With a move begun; {@link IllegalArgumentException} when it cannot be. */
    public ClusterShape beginMove(SlotMove m) {
        require(m.getRangesCount() > 0, "no slots to move");
        require(shard(m.getTo()).isPresent(), "no shard " + m.getTo() + " in the cluster");
        require(shard(m.getFrom()).isPresent(), "no shard serves slot " + m.getRanges(0).getFirst());
        require(!m.getFrom().equals(m.getTo()), "the slots are already served by " + m.getTo());
        require(move(m.getId()).isEmpty(), "move " + m.getId() + " exists");
        int from = indexOf(m.getFrom());
        for (SlotRange r : m.getRangesList()) {
            require(r.getFirst() >= 0 && r.getLast() < SLOTS && r.getFirst() <= r.getLast(), "bad slot range");
            for (int slot = r.getFirst(); slot <= r.getLast(); slot++) {
                require(owner[slot] == from, "slot " + slot + " is not served by " + m.getFrom());
                require(movingSlot(slot) == null, "slot " + slot + " is already moving");
            }
        }
        return changed(map.toBuilder().addMoves(m.toBuilder().setSwitched(false)));
    }

    /** With the move's slots served by its target. */
    public ClusterShape switchMove(String id) {
        SlotMove m = move(id).orElseThrow(() -> new IllegalArgumentException("no move " + id));
        if (m.getSwitched()) return this;
        short[] next = owner.clone();
        for (SlotRange r : m.getRangesList()) Arrays.fill(next, r.getFirst(), r.getLast() + 1, (short) indexOf(m.getTo()));
        ClusterMap.Builder b = map.toBuilder().clearSlots().addAllSlots(ranges(next));
        b.setMoves(moves().indexOf(m), m.toBuilder().setSwitched(true));
        return changed(b);
    }

    public ClusterShape endMove(String id) {
        SlotMove m = move(id).orElseThrow(() -> new IllegalArgumentException("no move " + id));
        require(m.getSwitched(), "move " + id + " has not switched yet");
        return changed(map.toBuilder().removeMoves(moves().indexOf(m)));
    }

    public ClusterShape addShard(ShardInfo shard) {
        require(shard(shard.getName()).isEmpty(), "shard " + shard.getName() + " exists");
        require(shard.getMembersCount() > 0, "a shard needs members");
        for (String id : shard.getMembersList()) require(node(id).isPresent(), "no node " + id);
        return changed(map.toBuilder().addShards(shard));
    }

    /** With a shard's leader as reported in a newer term than the one recorded. */
    public ClusterShape shardLeader(ShardLeader report) {
        ShardInfo s = shard(report.getShard()).orElseThrow(() -> new IllegalArgumentException("no shard " + report.getShard()));
        require(s.getMembersList().contains(report.getNode()), report.getNode() + " is not a member of " + s.getName());
        if (report.getTerm() <= s.getLeaderTerm()) return this;
        return changed(map.toBuilder().setShards(indexOf(s.getName()),
                s.toBuilder().setLeader(report.getNode()).setLeaderTerm(report.getTerm())));
    }

    public ClusterShape removeShard(String name) {
        require(shard(name).isPresent(), "no shard " + name);
        require(slotCount(name) == 0, "shard " + name + " still serves slots");
        require(moves().stream().noneMatch(m -> m.getFrom().equals(name) || m.getTo().equals(name)),
                "shard " + name + " is part of a move");
        return changed(map.toBuilder().removeShards(indexOf(name)));
    }

    private SlotMove movingSlot(int slot) {
        for (SlotMove m : moves()) {
            for (SlotRange r : m.getRangesList()) {
                if (r.getFirst() <= slot && slot <= r.getLast()) return m;
            }
        }
        return null;
    }

    private ClusterShape changed(ClusterMap.Builder b) {
        return new ClusterShape(b.setEpoch(map.getEpoch() + 1).build());
    }

    private List<SlotRange> ranges(short[] owners) {
        List<SlotRange> out = new ArrayList<>();
        for (int first = 0; first < SLOTS; ) {
            int last = first;
            while (last + 1 < SLOTS && owners[last + 1] == owners[first]) last++;
            if (owners[first] >= 0) {
                out.add(SlotRange.newBuilder().setFirst(first).setLast(last).setShard(map.getShards(owners[first]).getName()).build());
            }
            first = last + 1;
        }
        return out;
    }

    private static void require(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }

    /** Shards that have {@code nodeId} among their members. */
    public List<ShardInfo> shardsOn(String nodeId) {
        return shards().stream().filter(s -> s.getMembersList().contains(nodeId)).toList();
    }

    /** This shape with a shard's members and preferred leader replaced (a membership or leadership change). */
    public ClusterShape withShardMembers(ShardMembers m) {
        int index = indexOf(m.getShard());
        for (String id : m.getMembersList()) {
            if (node(id).isEmpty()) throw new IllegalArgumentException("shard " + m.getShard() + " cannot have unknown node " + id);
        }
        if (m.getMembersCount() == 0) throw new IllegalArgumentException("shard " + m.getShard() + " cannot have no members");
        if (!m.getMembersList().contains(m.getPreferredLeader())) {
            throw new IllegalArgumentException("preferred leader " + m.getPreferredLeader() + " is not a member of " + m.getShard());
        }
        return next(map.toBuilder().setShards(index, map.getShards(index).toBuilder()
                .clearMembers().addAllMembers(m.getMembersList()).setPreferredLeader(m.getPreferredLeader())));
    }

    /** This shape with a node added, or its addresses updated. */
    public ClusterShape withNode(NodeInfo n) {
        ClusterMap.Builder b = map.toBuilder();
        for (int i = 0; i < b.getNodesCount(); i++) {
            if (b.getNodes(i).getId().equals(n.getId())) return next(b.setNodes(i, n));
        }
        return next(b.addNodes(n));
    }

    /** This shape without a node, which no shard may still have as a member. */
    public ClusterShape withoutNode(String id) {
        List<String> shards = shardsOn(id).stream().map(ShardInfo::getName).toList();
        if (!shards.isEmpty()) throw new IllegalArgumentException("node " + id + " is still a member of " + shards);
        ClusterMap.Builder b = map.toBuilder().clearNodes();
        for (NodeInfo n : nodes()) {
            if (!n.getId().equals(id)) b.addNodes(n);
        }
        if (b.getNodesCount() == nodes().size()) throw new IllegalArgumentException("no node " + id + " in the cluster");
        return next(b);
    }

    private static ClusterShape next(ClusterMap.Builder b) {
        return new ClusterShape(b.setEpoch(b.getEpoch() + 1).build());
    }
}
