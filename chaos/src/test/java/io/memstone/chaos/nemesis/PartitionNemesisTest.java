package io.memstone.chaos.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.chaos.cluster.ChaosCluster;
import io.memstone.chaos.cluster.ChaosCluster.Link;
import java.time.Duration;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shapes of the partitions, on a cluster that only records the cuts. */
class PartitionNemesisTest {
    private static Set<Link> cut(PartitionNemesis.Shape shape, int nodes, int leader, long seed) throws Exception {
        CutRecorder cluster = new CutRecorder(nodes, leader);
        Fault f = new PartitionNemesis(shape).inject(cluster, new Random(seed));
        Set<Link> cut = Set.copyOf(cluster.cut);
        f.heal();
        assertTrue(cluster.cut.isEmpty(), "healed");
        return cut;
    }

    private static int reachable(Set<Link> cut, int node, int nodes) {
        return nodes - 1 - (int) cut.stream().filter(l -> l.a() == node || l.b() == node).count();
    }

    @Test
    void leaderShapeCutsTheLeaderFromEveryoneElse() throws Exception {
        for (int leader = 0; leader < 5; leader++) {
            Set<Link> cut = cut(PartitionNemesis.Shape.LEADER, 5, leader, leader);
            assertEquals(4, cut.size());
            for (Link l : cut) assertTrue(l.a() == leader || l.b() == leader);
        }
    }

    @Test
    void halvesSeparateAMinorityFromAMajority() throws Exception {
        Set<Link> cut = cut(PartitionNemesis.Shape.HALVES, 5, 0, 7);
        assertEquals(6, cut.size(), "2 x 3 links");
        int isolatedNodes = 0;
        for (int i = 0; i < 5; i++) if (reachable(cut, i, 5) == 1) isolatedNodes++;
        assertEquals(2, isolatedNodes, "the two minority nodes reach only each other");
    }

    @Test
    void ringLetsEveryNodeReachExactlyTwoOthers() throws Exception {
        Set<Link> cut = cut(PartitionNemesis.Shape.RING, 5, 0, 3);
        for (int i = 0; i < 5; i++) assertEquals(2, reachable(cut, i, 5), "node " + i + " sees a majority with itself");
    }

    @Test
    void bridgeReachesBothSidesWhichCannotReachEachOther() throws Exception {
        Set<Link> cut = cut(PartitionNemesis.Shape.BRIDGE, 5, 0, 11);
        assertEquals(4, cut.size());
        int bridges = 0;
        for (int i = 0; i < 5; i++) if (reachable(cut, i, 5) == 4) bridges++;
        assertEquals(1, bridges);
    }

    @Test
    void onlyAPartitionThatLeavesTheLeaderWithoutAMajorityHitsIt() throws Exception {
        CutRecorder cluster = new CutRecorder(3, 1);
        assertTrue(new PartitionNemesis(PartitionNemesis.Shape.LEADER).inject(cluster, new Random(1)).hitLeader());
        boolean sawLeaderInMajority = false;
        for (long seed = 0; seed < 20; seed++) {
            CutRecorder c = new CutRecorder(3, 1);
            Fault f = new PartitionNemesis(PartitionNemesis.Shape.HALVES).inject(c, new Random(seed));
            boolean leaderAlone = reachable(c.cut, 1, 3) == 0;
            assertEquals(leaderAlone, f.hitLeader(), "seed " + seed);
            sawLeaderInMajority |= !leaderAlone;
        }
        assertTrue(sawLeaderInMajority);
        assertFalse(new CutRecorder(3, -1).leader().isPresent());
    }

    /** A cluster that records cuts; everything else is out of scope here. */
    private static final class CutRecorder implements ChaosCluster {
        final Set<Link> cut = new HashSet<>();
        private final int size;
        private final int leader;

        CutRecorder(int size, int leader) {
            this.size = size;
            this.leader = leader;
        }

        @Override public int size() { return size; }
        @Override public String nodeId(int node) { return "n" + (node + 1); }
        @Override public redis.clients.jedis.HostAndPort resp(int node) { throw new UnsupportedOperationException(); }
        @Override public void start(Duration timeout) { }
        @Override public OptionalInt leader() { return leader < 0 ? OptionalInt.empty() : OptionalInt.of(leader); }
        @Override public OptionalInt metaLeader() { return OptionalInt.empty(); }
        @Override public void kill(int node) { throw new UnsupportedOperationException(); }
        @Override public void restart(int node) { throw new UnsupportedOperationException(); }
        @Override public void pause(int node) { throw new UnsupportedOperationException(); }
        @Override public void resume(int node) { throw new UnsupportedOperationException(); }
        @Override public String partitionsUnavailable() { return null; }
        @Override public void cut(Set<Link> links) { cut.addAll(links); }
        @Override public void healNetwork() { cut.clear(); }
        @Override public String clockSkewUnavailable() { return "no"; }
        @Override public void skewClock(int node, Duration offset) { throw new UnsupportedOperationException(); }
        @Override public String membershipUnavailable() { return "no"; }
        @Override public void removeMember(int node) { throw new UnsupportedOperationException(); }
        @Override public void addMember(int node) { throw new UnsupportedOperationException(); }
        @Override public void healAll() { cut.clear(); }
        @Override public String awaitConverged(Duration timeout) { return null; }
        @Override public String logs() { return ""; }
        @Override public void removeData() { }
        @Override public void close() { }
    }
}
