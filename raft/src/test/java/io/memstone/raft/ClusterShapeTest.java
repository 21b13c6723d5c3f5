package io.memstone.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.proto.meta.NodeInfo;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.proto.meta.SlotMove;
import io.memstone.proto.meta.ShardMembers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClusterShapeTest {

    /** n nodes, zones a, b, c, a, b, c... */
    private static List<NodeInfo> nodes(int n) {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(NodeInfo.newBuilder().setId("n" + (i + 1)).setZone("zone-" + (char) ('a' + i % 3))
                    .setHost("127.0.0.1").setRespPort(6379 + i).setRaftPort(7379 + i).setAdminPort(8379 + i).build());
        }
        return nodes;
    }

    @Test
    void threeShardsOnThreeNodesAreLedOnePerNode() {
        ClusterShape shape = ClusterShape.initial(nodes(3), 3);
        assertEquals(List.of("n1", "n2", "n3"), shape.shards().stream().map(ShardInfo::getPreferredLeader).toList());
        for (ShardInfo s : shape.shards()) assertEquals(Set.of("n1", "n2", "n3"), new HashSet<>(s.getMembersList()));
        assertEquals(List.of(0, 5461, 10922), shape.rangesByShard().stream().map(r -> r.get(0).getFirst()).toList());
    }

    @ParameterizedTest(name = "{0} nodes, {1} shards")
    @CsvSource({"1, 1", "3, 1", "3, 3", "3, 7", "5, 3", "5, 5", "6, 3", "6, 6", "6, 12"})
    void everySlotHasOneShardOfThreeReplicasInDistinctZones(int nodeCount, int shardCount) {
        List<NodeInfo> nodes = nodes(nodeCount);
        Map<String, String> zoneOf = nodes.stream().collect(Collectors.toMap(NodeInfo::getId, NodeInfo::getZone));
        ClusterShape shape = ClusterShape.initial(nodes, shardCount);
        int[] perShard = new int[shardCount];
        for (int slot = 0; slot < ClusterShape.SLOTS; slot++) {
            ShardInfo owner = shape.shardOf(slot);
            assertNotNull(owner, "slot " + slot + " is served");
            perShard[shape.shards().indexOf(owner)]++;
        }
        for (int count : perShard) assertEquals(ClusterShape.SLOTS / shardCount, count, 1, "slots are spread evenly");
        int replicas = Math.min(3, nodeCount);
        for (ShardInfo s : shape.shards()) {
            assertEquals(replicas, new HashSet<>(s.getMembersList()).size(), s.getName() + " has distinct members");
            long zones = s.getMembersList().stream().map(zoneOf::get).distinct().count();
            assertEquals(Math.min(replicas, 3), zones, s.getName() + " spans distinct zones");
            assertEquals(s.getMembers(0), s.getPreferredLeader(), "the preferred leader is listed first");
        }
        Map<String, Long> leaders = shape.shards().stream()
                .collect(Collectors.groupingBy(ShardInfo::getPreferredLeader, Collectors.counting()));
        long most = leaders.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertEquals((shardCount + nodeCount - 1) / nodeCount, most, "leaders are spread over the nodes");
    }

    @Test
    void sameConfigGivesTheSameShapeOnEveryNode() {
        assertEquals(ClusterShape.initial(nodes(6), 4).map(), ClusterShape.initial(nodes(6), 4).map());
    }

    @Test
    void impossibleShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClusterShape.initial(nodes(3), 0));
        assertThrows(IllegalArgumentException.class, () -> ClusterShape.initial(List.of(), 3));
        assertThrows(IllegalArgumentException.class, () -> ClusterShape.initial(nodes(3), ClusterShape.SLOTS + 1));
    }

    @Test
    void shardsOnANodeAreThoseListingIt() {
        ClusterShape shape = ClusterShape.initial(nodes(6), 6);
        for (NodeInfo n : nodes(6)) {
            for (ShardInfo s : shape.shardsOn(n.getId())) assertEquals(true, s.getMembersList().contains(n.getId()));
        }
        Function<String, Integer> count = id -> shape.shardsOn(id).size();
        assertEquals(18, nodes(6).stream().mapToInt(n -> count.apply(n.getId())).sum(), "6 shards x 3 replicas");
    }

    @Test
    void aMoveSwitchesItsSlotsOnceAndEndsAfterSwitching() {
        ClusterShape shape = ClusterShape.initial(nodes(3), 3);
        SlotMove move = Rebalancing.move("shard-0", "shard-2", List.of(0, 1, 2, 10));
        ClusterShape begun = shape.beginMove(move);
        assertEquals("shard-0", begun.shardOf(1).getName(), "the source serves the slots until the switch");
        assertThrows(IllegalArgumentException.class, () -> begun.endMove(move.getId()), "no end before the switch");
        assertThrows(IllegalArgumentException.class, () -> begun.beginMove(Rebalancing.move("shard-0", "shard-1", List.of(2))),
                "a slot moves once at a time");
        ClusterShape switched = begun.switchMove(move.getId());
        assertEquals("shard-2", switched.shardOf(10).getName());
        assertEquals("shard-0", switched.shardOf(3).getName());
        assertEquals(switched, switched.switchMove(move.getId()), "switching again changes nothing");
        ClusterShape ended = switched.endMove(move.getId());
        assertEquals(List.of(), ended.moves());
        assertEquals(ClusterShape.SLOTS / 3 - 4, ended.slotCount("shard-0"));
        assertTrue(ended.map().getEpoch() > shape.map().getEpoch());
    }

    @Test
    void invalidMovesAndRemovalsAreRefused() {
        ClusterShape shape = ClusterShape.initial(nodes(3), 3);
        assertThrows(IllegalArgumentException.class, () -> shape.beginMove(Rebalancing.move("shard-1", "shard-2", List.of(0))),
                "slot 0 is not shard-1's");
        assertThrows(IllegalArgumentException.class, () -> shape.beginMove(Rebalancing.move("shard-0", "shard-9", List.of(0))));
        assertThrows(IllegalArgumentException.class, () -> shape.beginMove(Rebalancing.move("shard-0", "shard-0", List.of(0))));
        assertThrows(IllegalArgumentException.class, () -> shape.removeShard("shard-1"), "it still serves slots");
    }

    @Test
    void anAddedShardGetsAnEqualShareAndADrainedOneGivesAllAway() {
        ClusterShape shape = ClusterShape.initial(nodes(3), 3);
        ShardInfo added = Rebalancing.newShard(shape);
        assertEquals("shard-3", added.getName());
        assertEquals(3, new HashSet<>(added.getMembersList()).size());
        ClusterShape grown = apply(shape.addShard(added), Rebalancing.fill(shape.addShard(added), "shard-3"));
        assertEquals(ClusterShape.SLOTS / 4, grown.slotCount("shard-3"));
        ClusterShape drained = apply(grown, Rebalancing.drain(grown, "shard-3"));
        assertEquals(0, drained.slotCount("shard-3"));
        ClusterShape removed = drained.removeShard("shard-3");
        assertEquals(3, removed.shards().size());
        for (int slot = 0; slot < ClusterShape.SLOTS; slot++) assertNotNull(removed.shardOf(slot));
    }

    private static ClusterShape apply(ClusterShape shape, List<SlotMove> moves) {
        for (SlotMove m : moves) shape = shape.beginMove(m).switchMove(m.getId()).endMove(m.getId());
        return shape;
    }

    @Test
    void membershipChangesMakeNewShapesWithAHigherEpoch() {
        ClusterShape shape = ClusterShape.initial(nodes(3), 3);
        NodeInfo n4 = nodes(4).get(3);
        ClusterShape added = shape.withNode(n4);
        assertEquals(List.of("n1", "n2", "n3", "n4"), added.nodes().stream().map(NodeInfo::getId).toList());
        assertEquals(shape.map().getEpoch() + 1, added.map().getEpoch());
        assertEquals(3, shape.nodes().size(), "shapes are immutable");

        ClusterShape replaced = added.withShardMembers(ShardMembers.newBuilder().setShard("shard-2")
                .addAllMembers(List.of("n4", "n1", "n2")).setPreferredLeader("n4").build());
        assertEquals(List.of("n4", "n1", "n2"), replaced.shards().get(2).getMembersList());
        assertEquals("n4", replaced.shardOf(16383).getPreferredLeader(), "routing sees the new members");

        IllegalArgumentException stillMember = assertThrows(IllegalArgumentException.class, () -> replaced.withoutNode("n3"));
        assertEquals("node n3 is still a member of [shard-0, shard-1]", stillMember.getMessage());
        assertThrows(IllegalArgumentException.class, () -> replaced.withoutNode("n9"));
        assertThrows(IllegalArgumentException.class, () -> shape.withShardMembers(ShardMembers.newBuilder()
                .setShard("shard-0").addMembers("n4").setPreferredLeader("n4").build()), "n4 is not a node of this shape");
        assertThrows(IllegalArgumentException.class, () -> shape.withShardMembers(ShardMembers.newBuilder()
                .setShard("shard-0").addMembers("n1").setPreferredLeader("n2").build()), "the preferred leader must be a member");
    }
}
