package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.proto.admin.GroupStatus;
import io.memstone.proto.admin.HealthReply;
import io.memstone.proto.admin.Progress;
import io.memstone.proto.admin.MoveSlotsRequest;
import io.memstone.proto.admin.SlotRangeSpec;
import io.memstone.raft.LogPayloadMode;
import io.memstone.raft.ShardGroups;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * The node driving a slot move (the meta group's leader) dies in the middle of it: the new
 * meta leader resumes the move from the step it was in, and every key ends up on the target,
 * once.
 */
class ReshardingFailoverTest {
    /** Enough that copying them outlasts noticing the move began and killing its driver (30k did not, on an idle machine). */
    private static final int KEYS = 200_000;
    private static final java.util.regex.Pattern MOVE_DONE = java.util.regex.Pattern.compile("SlotMover - move \\S+ done");

    @Test
    @Timeout(300)
    void aNewMetaLeaderFinishesAMoveItsPredecessorStarted() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            try (Jedis j = cluster.jedis(0)) {
                Pipeline p = j.pipelined();
                IntStream.range(0, KEYS).forEach(i -> p.set("{m}" + i, "v" + i));
                p.sync();
            }
            int metaLeader = cluster.nodes.leaderIndex(ShardGroups.META);
            int asked = (metaLeader + 1) % 3;
            int slot;
            try (Jedis j = cluster.jedis(asked)) {
                slot = (int) j.clusterKeySlot("{m}");
            }
            String target = targetFor(cluster, asked, slot);
            CompletableFuture<List<Progress>> move = CompletableFuture.supplyAsync(() -> AdminServiceTest.drain(cluster.admin(asked)
                    .withDeadlineAfter(240, TimeUnit.SECONDS)
                    .moveSlots(MoveSlotsRequest.newBuilder()
                            .addRanges(SlotRangeSpec.newBuilder().setFirst(slot).setLast(slot)).setToShard(target).build())));
            TestCluster.await("the move to begin", () ->
                    Files.readString(cluster.nodes.logFile(cluster.nodes.configs().get(metaLeader))).contains("begin_move applied"));
            cluster.nodes.kill(metaLeader);
            List<Progress> steps = move.get(240, TimeUnit.SECONDS);
            assertTrue(steps.get(steps.size() - 1).getStep().contains(": done, " + target + " holds the "),
                    "the caller, not the meta leader, follows the move to its end: " + steps);
            boolean resumed = IntStream.range(0, 3).filter(i -> i != metaLeader).anyMatch(i -> {
                try {
                    return MOVE_DONE.matcher(Files.readString(cluster.nodes.logFile(cluster.nodes.configs().get(i)))).find();
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertTrue(resumed, "a surviving node finished the move");
            try (Jedis j = cluster.jedis(asked)) {
                Pipeline p = j.pipelined();
                List<redis.clients.jedis.Response<String>> values = IntStream.range(0, KEYS).mapToObj(i -> p.get("{m}" + i)).toList();
                p.sync();
                for (int i = 0; i < KEYS; i++) assertEquals("v" + i, values.get(i).get(), "{m}" + i);
                assertEquals(KEYS, j.clusterCountKeysInSlot(slot), "each key once, on the target only");
                assertEquals(KEYS, j.keys("{m}*").size());
            }
        }
    }

    /** A shard other than the one serving the slot now. */
    private static String targetFor(TestCluster cluster, int node, int slot) {
        HealthReply h = cluster.nodes.health(cluster.nodes.configs().get(node), false);
        List<String> shards = h.getGroupsList().stream().map(GroupStatus::getGroupId).filter(g -> g.startsWith("shard-")).toList();
        String owner = "shard-" + (slot * 3 / 16384);
        return shards.stream().filter(s -> !s.equals(owner)).findFirst().orElseThrow();
    }
}
