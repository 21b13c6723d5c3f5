package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.memstone.node.admin.AdminChannels;
import io.memstone.proto.admin.CreateSnapshotRequest;
import io.memstone.proto.admin.DescribeClusterReply;
import io.memstone.proto.admin.DescribeClusterRequest;
import io.memstone.proto.admin.FailoverRequest;
import io.memstone.proto.admin.GetParametersRequest;
import io.memstone.proto.admin.GroupStatus;
import io.memstone.proto.admin.HealthRequest;
import io.memstone.proto.admin.ListSnapshotsReply;
import io.memstone.proto.admin.ListSnapshotsRequest;
import io.memstone.proto.admin.MemberView;
import io.memstone.proto.admin.MoveSlotsRequest;
import io.memstone.proto.admin.NodeView;
import io.memstone.proto.admin.ParametersReply;
import io.memstone.proto.admin.Progress;
import io.memstone.proto.admin.RestoreRequest;
import io.memstone.proto.admin.SetParametersRequest;
import io.memstone.proto.admin.ShardView;
import io.memstone.proto.admin.SnapshotFile;
import io.memstone.proto.admin.TransferLeadershipReply;
import io.memstone.proto.admin.TransferLeadershipRequest;
import io.memstone.proto.meta.SlotRange;
import io.memstone.raft.ShardGroups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.SetParams;

/** Every admin call that does not change membership, against a real 3-node cluster. */
@Timeout(300)
class AdminServiceTest {
    @RegisterExtension
    static final SharedCluster CLUSTER = new SharedCluster();

    private static TestCluster cluster() {
        return CLUSTER.get();
    }

    @Test
    void describeShowsEveryNodeAndShardWithLeadersIndexesAndLag() {
        writeKeys("describe", 100, 0);
        DescribeClusterReply d = cluster().admin(1).describeCluster(DescribeClusterRequest.getDefaultInstance());
        assertEquals(List.of("n1", "n2", "n3"), d.getNodesList().stream().map(n -> n.getNode().getId()).toList());
        for (NodeView n : d.getNodesList()) {
            assertTrue(n.getReachable(), n.getNode().getId() + " reachable");
            assertEquals(4, n.getRolesCount(), "three shards and the meta group on " + n.getNode().getId() + ": " + n.getRolesList());
        }
        assertEquals(List.of("zone-a", "zone-b", "zone-c"), d.getNodesList().stream().map(n -> n.getNode().getZone()).toList());
        int next = 0;
        for (ShardView s : d.getShardsList()) {
            for (SlotRange r : s.getSlotsList()) {
                assertEquals(next, r.getFirst(), "slot ranges are contiguous: " + d.getShardsList());
                next = r.getLast() + 1;
            }
            assertMembersConsistent(s);
        }
        assertEquals(16384, next, "every slot is served");
        assertMembersConsistent(d.getMeta());
        assertEquals(3, d.getMeta().getMembersCount());
    }

    /** A leader among the members, and each member's lag is the leader's commit index minus its applied index. */
    private static void assertMembersConsistent(ShardView s) {
        MemberView leader = s.getMembersList().stream().filter(m -> m.getNodeId().equals(s.getLeader())).findFirst()
                .orElseThrow(() -> new AssertionError(s.getName() + " has a leader among its members: " + s));
        assertEquals("leader", leader.getRole());
        for (MemberView m : s.getMembersList()) {
            assertTrue(m.getReachable());
            assertEquals(Math.max(0, leader.getCommitIndex() - m.getAppliedIndex()), m.getLag(), s.getName() + " " + m);
        }
    }

    @Test
    void callsWithoutTheTokenAreRefused() {
        NodeConfig.Member n1 = cluster().nodes.configs().get(0).self();
        try (AdminChannels none = new AdminChannels(null); AdminChannels wrong = new AdminChannels("not-the-token")) {
            StatusRuntimeException noToken = assertThrows(StatusRuntimeException.class,
                    () -> none.blocking(n1.host(), n1.adminPort()).describeCluster(DescribeClusterRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAUTHENTICATED, noToken.getStatus().getCode());
            StatusRuntimeException wrongToken = assertThrows(StatusRuntimeException.class,
                    () -> wrong.blocking(n1.host(), n1.adminPort()).health(HealthRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAUTHENTICATED, wrongToken.getStatus().getCode());
            assertEquals("wrong admin token", wrongToken.getStatus().getDescription());
        }
    }

    @Test
    void transferLeadershipToAZoneMovesTheLeaderThereAndMakesItPreferred() {
        TransferLeadershipReply r = cluster().admin(2).transferLeadership(TransferLeadershipRequest.newBuilder()
                .setShard("shard-1").setZone("zone-a").build());
        assertEquals("n2", r.getPreviousLeader());
        assertEquals("n1", r.getLeader());
        assertEquals("zone-a", r.getZone());
        TestCluster.await("n1 to lead shard-1", () -> cluster().nodes.leaderIndex("shard-1") == 0);
        // Recorded in the shape, so that Raft keeps it there; the meta replica of n1 (which answers describe) may apply it a little later.
        TestCluster.await("n1 recorded as shard-1's preferred leader in n1's view",
                () -> shard(describe(), "shard-1").getPreferredLeader().equals("n1"));
        writeKeys("after-transfer", 50, 0);
        assertEquals(0, cluster().nodes.leaderIndex("shard-1"), "still leading after writes");

        cluster().admin(0).transferLeadership(TransferLeadershipRequest.newBuilder().setShard("shard-1").setNodeId("n2").build());
        TestCluster.await("n2 to lead shard-1 again", () -> cluster().nodes.leaderIndex("shard-1") == 1);

        assertRefused(Status.Code.INVALID_ARGUMENT, "no member in zone-x", () -> cluster().admin(0)
                .transferLeadership(TransferLeadershipRequest.newBuilder().setShard("shard-1").setZone("zone-x").build()));
        assertRefused(Status.Code.INVALID_ARGUMENT, "no shard shard-9", () -> cluster().admin(0)
                .transferLeadership(TransferLeadershipRequest.newBuilder().setShard("shard-9").setNodeId("n1").build()));
        assertRefused(Status.Code.INVALID_ARGUMENT, "n7 is not a member", () -> cluster().admin(0)
                .transferLeadership(TransferLeadershipRequest.newBuilder().setShard("shard-1").setNodeId("n7").build()));
    }

    @Test
    void failoverMovesLeadershipToAnotherMember() {
        TransferLeadershipReply r = cluster().admin(0).failover(FailoverRequest.newBuilder().setShard("shard-2").build());
        assertEquals("n3", r.getPreviousLeader());
        assertFalse(r.getLeader().equals("n3"), "a member other than the leader: " + r);
        int target = Integer.parseInt(r.getLeader().substring(1)) - 1;
        TestCluster.await(r.getLeader() + " to lead shard-2", () -> cluster().nodes.leaderIndex("shard-2") == target);

        cluster().admin(0).transferLeadership(TransferLeadershipRequest.newBuilder().setShard("shard-2").setNodeId("n3").build());
        TestCluster.await("n3 to lead shard-2 again", () -> cluster().nodes.leaderIndex("shard-2") == 2);
    }

    @Test
    void parametersAreCheckedAndReplicatedToEveryNode() {
        ParametersReply set = cluster().admin(0).setParameters(SetParametersRequest.newBuilder()
                .putParameters("maxmemory", "64mb").putParameters("timeout", "30").build());
        assertEquals("67108864", set.getParametersOrThrow("maxmemory"), "memory values are stored in bytes");
        for (int node = 0; node < 3; node++) {
            int n = node;
            TestCluster.await("node " + n + " to have the new parameters", () -> {
                ParametersReply got = cluster().admin(n).getParameters(GetParametersRequest.getDefaultInstance());
                return got.getParametersOrThrow("maxmemory").equals("67108864") && got.getParametersOrThrow("timeout").equals("30");
            });
        }
        assertRefused(Status.Code.INVALID_ARGUMENT, "maxmemory-policy is 'sometimes'", () -> cluster().admin(1).setParameters(
                SetParametersRequest.newBuilder().putParameters("maxmemory-policy", "sometimes").build()));
        assertRefused(Status.Code.INVALID_ARGUMENT, "unknown parameter 'colour'", () -> cluster().admin(1).setParameters(
                SetParametersRequest.newBuilder().putParameters("colour", "blue").build()));
        assertEquals("noeviction", cluster().admin(2).getParameters(GetParametersRequest.getDefaultInstance())
                .getParametersOrThrow("maxmemory-policy"), "a refused change changes nothing");
    }

    @Test
    void snapshotIsWrittenOnEveryMemberAndListedWithItsNode() {
        writeKeys("snapshot", 300, 0);
        Map<String, Long> appliedBefore = new HashMap<>();
        for (int node = 0; node < 3; node++) {
            for (GroupStatus g : cluster().nodes.health(cluster().nodes.configs().get(node), false).getGroupsList()) {
                appliedBefore.put("n" + (node + 1) + "/" + g.getGroupId(), g.getAppliedIndex());
            }
        }
        List<Progress> steps = drain(cluster().admin(2).createSnapshot(CreateSnapshotRequest.getDefaultInstance()));
        Progress last = steps.get(steps.size() - 1);
        assertEquals(9, last.getTotal(), "3 shards on 3 members: " + steps);
        assertEquals(last.getTotal(), last.getDone());

        ListSnapshotsReply list = cluster().admin(0).listSnapshots(ListSnapshotsRequest.getDefaultInstance());
        assertEquals(0, list.getUnreachableCount());
        for (int node = 1; node <= 3; node++) {
            for (int shard = 0; shard < 3; shard++) {
                String where = "n" + node + "/" + ShardGroups.shardName(shard);
                SnapshotFile newest = newest(list, "n" + node, ShardGroups.shardName(shard));
                assertTrue(newest.getIndex() >= appliedBefore.get(where), where + ": " + newest + " covers " + appliedBefore.get(where));
                assertTrue(newest.getSizeBytes() > 0 && Files.exists(Path.of(newest.getPath())), newest.toString());
            }
        }
    }

    @Test
    void restoreWritesTheKeysOfASnapshotSetBack() throws Exception {
        long expireAt = System.currentTimeMillis() + 3_600_000;
        writeKeys("restore", 500, expireAt);
        drain(cluster().admin(0).createSnapshot(CreateSnapshotRequest.getDefaultInstance()));
        ListSnapshotsReply list = cluster().admin(0).listSnapshots(ListSnapshotsRequest.getDefaultInstance());
        Path set = Files.createDirectories(cluster().dir.resolve("restore-set"));
        for (int shard = 0; shard < 3; shard++) {
            SnapshotFile f = newest(list, "n1", ShardGroups.shardName(shard));
            Path dir = Files.createDirectories(set.resolve(f.getGroup()));
            Files.copy(Path.of(f.getPath()), dir.resolve(Path.of(f.getPath()).getFileName()));
        }
        try (Jedis j = cluster().jedis(1)) {
            Pipeline p = j.pipelined();
            for (int i = 0; i < 500; i++) p.del("restore:" + i);
            assertEquals(java.util.Collections.nCopies(500, 1L), p.syncAndReturnAll());
        }
        List<Progress> steps = drain(cluster().admin(0).restore(RestoreRequest.newBuilder()
                .setDirectory(set.toString()).setReplace(true).build()));
        assertTrue(steps.get(steps.size() - 1).getStep().contains(" 0 failed"), steps.toString());
        try (Jedis j = cluster().jedis(2)) {
            Pipeline p = j.pipelined();
            for (int i = 0; i < 500; i++) {
                p.get("restore:" + i);
                p.pexpireTime("restore:" + i);
            }
            List<Object> replies = p.syncAndReturnAll();
            for (int i = 0; i < 500; i++) {
                assertEquals("value-" + i, replies.get(2 * i), "restore:" + i);
                assertEquals(expireAt, replies.get(2 * i + 1), "restore:" + i + " keeps its expiry");
            }
        }
        assertRefused(Status.Code.INVALID_ARGUMENT, "no directory", () -> drain(cluster().admin(0)
                .restore(RestoreRequest.newBuilder().setDirectory(set.resolve("missing").toString()).build())));
    }

    @Test
    void aMoveWithoutSlotsIsRefused() {
        assertRefused(Status.Code.INVALID_ARGUMENT, "no slot ranges", () -> drain(cluster().admin(0).moveSlots(MoveSlotsRequest.getDefaultInstance())));
    }

    private static SnapshotFile newest(ListSnapshotsReply list, String node, String group) {
        return list.getSnapshotsList().stream().filter(f -> f.getNodeId().equals(node) && f.getGroup().equals(group))
                .max(Comparator.comparingLong(SnapshotFile::getIndex))
                .orElseThrow(() -> new AssertionError("a snapshot of " + group + " on " + node + " in " + list));
    }

    /** Keys prefix:0.. with values value-0.., expiring at {@code expireAt} when it is not 0. */
    private static void writeKeys(String prefix, int n, long expireAt) {
        try (Jedis j = cluster().jedis(0)) {
            Pipeline p = j.pipelined();
            for (int i = 0; i < n; i++) p.set(prefix + ":" + i, "value-" + i, expireAt == 0 ? new SetParams() : new SetParams().pxAt(expireAt));
            assertEquals(java.util.Collections.nCopies(n, "OK"), p.syncAndReturnAll());
        }
    }

    private static DescribeClusterReply describe() {
        return cluster().admin(0).describeCluster(DescribeClusterRequest.getDefaultInstance());
    }

    static ShardView shard(DescribeClusterReply d, String name) {
        return d.getShardsList().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    static List<Progress> drain(Iterator<Progress> steps) {
        List<Progress> out = new ArrayList<>();
        steps.forEachRemaining(out::add);
        return out;
    }

    static void assertRefused(Status.Code code, String detail, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        String description = e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription();
        assertTrue(description.contains(detail), "'" + description + "' says " + detail);
    }
}
