package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an application in a docker-compose does: its clients write through two nodes from their
 * first second while the third node starts late. A node's way into a shard used to break for
 * good then (its Ratis client met the late node before it had joined the shard's group).
 */
@Timeout(300)
class LateMemberTest {
    private static final int PER_PAIR_AFTER_JOIN = 20;

    @Test
    void everyGatewayServesEveryShardAfterAMemberJoinsLateUnderLoad() throws Exception {
        try (TestCluster cluster = TestCluster.unstarted(3, LocalCluster.Settings.DEFAULT)) {
            List<String> keys = IntStream.range(0, 60).mapToObj(i -> "late:" + i).toList();
            try (Hammer hammer = new Hammer(cluster, List.of(0, 1), keys)) {
                cluster.nodes.start(0);
                cluster.nodes.start(1);
                long startedAt = System.nanoTime();
                TestCluster.await("a write acknowledged through the first two nodes",
                        () -> hammer.since(startedAt).stream().anyMatch(o -> o.error() == null));
                cluster.nodes.start(2);
                cluster.nodes.awaitServing(TestCluster.TIMEOUT);
                long joinedAt = System.nanoTime();
                List<long[]> ranges = EveryShard.slotRanges(cluster);
                TestCluster.await(PER_PAIR_AFTER_JOIN + " writes through each hammered gateway to each shard",
                        () -> perGatewayAndShard(hammer.since(joinedAt), ranges, true).values().stream()
                                .filter(n -> n >= PER_PAIR_AFTER_JOIN).count() == 2L * ranges.size());
                Map<String, Long> errors = perGatewayAndShard(hammer.since(joinedAt), ranges, false);
                assertEquals(Map.of(), errors, "errors after the join, per gateway and shard: "
                        + hammer.since(joinedAt).stream().filter(o -> o.error() != null).map(Hammer.Outcome::error)
                        .distinct().limit(5).toList());
            }
            EveryShard.assertEveryGatewayWritesAndReadsEveryShard(cluster, "after-late-join");
        }
    }

    /** Outcomes that succeeded (or failed) counted by "node N, shard range R". */
    private static Map<String, Long> perGatewayAndShard(List<Hammer.Outcome> outcomes, List<long[]> ranges, boolean ok) {
        return outcomes.stream().filter(o -> o.key() != null || !ok).filter(o -> (o.error() == null) == ok)
                .collect(Collectors.groupingBy(o -> "node " + o.gateway() + ", "
                        + (o.key() == null ? "connect" : "range " + EveryShard.rangeOf(ranges, o.key())),
                        TreeMap::new, Collectors.counting()));
    }
}
