package io.memstone.raft;

import io.memstone.proto.meta.NodeInfo;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.proto.meta.SlotMove;
import io.memstone.proto.meta.SlotRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Plans for adding and removing shards: where a new shard goes, and which slots move. */
final class Rebalancing {
    private Rebalancing() {}

    /**
     * A new shard on the nodes that hold the fewest shards, in distinct zones where possible,
     * preferring as leader the member that leads the fewest.
     */
    static ShardInfo newShard(ClusterShape shape) {
        int next = shape.shards().stream().mapToInt(s -> index(s.getName()) + 1).max().orElse(0);
        List<NodeInfo> byLoad = new ArrayList<>(shape.nodes());
        byLoad.sort(Comparator.comparingInt(n -> shape.shardsOn(n.getId()).size()));
        List<NodeInfo> members = new ArrayList<>();
        Set<String> zones = new HashSet<>();
        int replicas = Math.min(ClusterShape.REPLICATION, byLoad.size());
        for (int pass = 0; pass < 2; pass++) {
            for (NodeInfo n : byLoad) {
                if (members.size() == replicas || members.contains(n) || (pass == 0 && zones.contains(n.getZone()))) continue;
                members.add(n);
                zones.add(n.getZone());
            }
        }
        NodeInfo leader = members.stream().min(Comparator.comparingLong(n ->
                shape.shards().stream().filter(s -> s.getPreferredLeader().equals(n.getId())).count())).orElseThrow();
        List<String> ids = new ArrayList<>(List.of(leader.getId()));
        members.stream().map(NodeInfo::getId).filter(id -> !id.equals(leader.getId())).forEach(ids::add);
        return ShardInfo.newBuilder().setName(ShardGroups.shardName(next)).addAllMembers(ids)
                .setPreferredLeader(leader.getId()).build();
    }

    /**
     * Moves giving {@code target} an equal share of the slots, taken from the top of the shards
     * that have more than their share.
     */
    static List<SlotMove> fill(ClusterShape shape, String target) {
        int share = ClusterShape.SLOTS / shape.shards().size();
        int needed = share - shape.slotCount(target);
        List<SlotMove> moves = new ArrayList<>();
        for (ShardInfo s : shape.shards()) {
            int give = Math.min(needed, shape.slotCount(s.getName()) - share);
            if (s.getName().equals(target) || give <= 0) continue;
            List<Integer> slots = slotsOf(shape, s.getName());
            moves.add(move(s.getName(), target, slots.subList(slots.size() - give, slots.size())));
            needed -= give;
        }
        return moves;
    }

    /** Moves spreading all of {@code source}'s slots evenly over the other shards. */
    static List<SlotMove> drain(ClusterShape shape, String source) {
        List<Integer> slots = slotsOf(shape, source);
        List<String> others = shape.shards().stream().map(ShardInfo::getName).filter(n -> !n.equals(source)).toList();
        if (others.isEmpty()) throw new IllegalArgumentException("the last shard cannot be removed");
        List<SlotMove> moves = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            List<Integer> part = slots.subList(i * slots.size() / others.size(), (i + 1) * slots.size() / others.size());
            if (!part.isEmpty()) moves.add(move(source, others.get(i), part));
        }
        return moves;
    }

    private static List<Integer> slotsOf(ClusterShape shape, String shard) {
        List<Integer> slots = new ArrayList<>();
        for (int slot = 0; slot < ClusterShape.SLOTS; slot++) {
            ShardInfo owner = shape.shardOf(slot);
            if (owner != null && owner.getName().equals(shard)) slots.add(slot);
        }
        return slots;
    }

    /** A move of these (ascending) slots, as ranges. */
    static SlotMove move(String from, String to, List<Integer> slots) {
        SlotMove.Builder m = SlotMove.newBuilder().setId(UUID.randomUUID().toString()).setFrom(from).setTo(to);
        for (int i = 0; i < slots.size(); ) {
            int j = i;
            while (j + 1 < slots.size() && slots.get(j + 1) == slots.get(j) + 1) j++;
            m.addRanges(SlotRange.newBuilder().setFirst(slots.get(i)).setLast(slots.get(j)).setShard(from));
            i = j + 1;
        }
        return m.build();
    }

    private static int index(String shardName) {
        try {
            return Integer.parseInt(shardName.substring(shardName.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
