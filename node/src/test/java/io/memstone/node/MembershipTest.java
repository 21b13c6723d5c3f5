package io.memstone.node;

import static io.memstone.node.AdminServiceTest.assertRefused;
import static io.memstone.node.AdminServiceTest.drain;
import static io.memstone.node.AdminServiceTest.shard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.memstone.proto.admin.AddNodeRequest;
import io.memstone.proto.admin.DescribeClusterReply;
import io.memstone.proto.admin.DescribeClusterRequest;
import io.memstone.proto.admin.GroupStatus;
import io.memstone.proto.admin.HealthReply;
import io.memstone.proto.admin.MemberView;
import io.memstone.proto.admin.Progress;
import io.memstone.proto.admin.RemoveNodeRequest;
import io.memstone.proto.admin.ReplaceNodeRequest;
import io.memstone.proto.admin.ShardView;
import io.memstone.proto.admin.TransferLeadershipRequest;
import io.memstone.raft.LogPayloadMode;
import io.memstone.raft.ShardGroups;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** AddNode, RemoveNode and ReplaceNode on a real 3-node cluster with a fourth node process. */
@Timeout(400)
class MembershipTest {
    private static final List<String> SHARDS = List.of("shard-0", "shard-1", "shard-2");

    @Test
    void replacingADeadNodeUnderLoadKeepsEveryAcknowledgedWrite() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            int n4 = startExtraNode(cluster);
            Writers writers = new Writers(cluster, 2);
            writers.start();
            writers.awaitAcknowledged(300);
            cluster.nodes.kill(2);
            int before = writers.acknowledged.size();

            List<Progress> steps = drain(cluster.admin(0).replaceNode(ReplaceNodeRequest.newBuilder()
                    .setNodeId("n3").setAddress(cluster.nodes.adminAddress(n4)).build()));
            assertEquals("done", steps.get(steps.size() - 1).getStep(), steps.toString());
            writers.awaitAcknowledged(before + 300);
            writers.stop();

            DescribeClusterReply d = cluster.admin(1).describeCluster(DescribeClusterRequest.getDefaultInstance());
            assertEquals(List.of("n1", "n2", "n4"), d.getNodesList().stream().map(n -> n.getNode().getId()).toList());
            for (String s : SHARDS) {
                assertEquals(List.of("n1", "n2", "n4"), shard(d, s).getMembersList().stream().map(MemberView::getNodeId).sorted().toList(), s);
            }
            assertEquals("n4", shard(d, "shard-2").getPreferredLeader(), "n4 took n3's place as shard-2's preferred leader");
            assertEquals(3, d.getMeta().getMembersCount());
            TestCluster.await("n4 to lead shard-2, as n3 did", () -> cluster.nodes.leaderIndex("shard-2") == n4);
            awaitIdenticalReplicas(cluster, List.of(0, 1, n4));
            writers.assertAllReadable(0);
            try (var j = new redis.clients.jedis.Jedis("127.0.0.1", cluster.nodes.configs().get(n4).self().respPort(), 10_000)) {
                for (var e : writers.acknowledged.entrySet()) assertEquals(e.getValue(), j.get(e.getKey()), "through n4: " + e.getKey());
            }
        }
    }

    @Test
    void addAndRemoveChangeTheGroupsOneAtATimeAndNeverLoseAMajority() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            cluster.nodes.kill(1);
            assertRefused(Status.Code.FAILED_PRECONDITION, "without a live majority", () -> drain(cluster.admin(0)
                    .removeNode(RemoveNodeRequest.newBuilder().setNodeId("n1").build())));
            cluster.nodes.start(1);
            cluster.nodes.awaitLeader(TestCluster.TIMEOUT);
            assertRefused(Status.Code.INVALID_ARGUMENT, "no node n9", () -> drain(cluster.admin(0)
                    .removeNode(RemoveNodeRequest.newBuilder().setNodeId("n9").build())));

            int n4 = startExtraNode(cluster);
            Iterator<Progress> adding = cluster.admin(0).addNode(AddNodeRequest.newBuilder()
                    .setAddress(cluster.nodes.adminAddress(n4)).addAllShards(SHARDS).build());
            // The first step is reported once the change holds the gate; four Raft changes follow it.
            adding.next();
            assertRefused(Status.Code.FAILED_PRECONDITION, "another change is running", () -> cluster.admin(2)
                    .transferLeadership(TransferLeadershipRequest.newBuilder().setShard("shard-0").setZone("zone-c").build()));
            drain(adding);

            // n4's meta replica may apply the last change a little after the node driving it.
            TestCluster.await("every shard to list n4 in n4's view", () -> {
                DescribeClusterReply d = cluster.admin(n4).describeCluster(DescribeClusterRequest.getDefaultInstance());
                return SHARDS.stream().allMatch(s -> shard(d, s).getMembersList().stream().anyMatch(m -> m.getNodeId().equals("n4")));
            });
            DescribeClusterReply added = cluster.admin(n4).describeCluster(DescribeClusterRequest.getDefaultInstance());
            assertTrue(added.getMeta().getMembersList().stream().anyMatch(m -> m.getNodeId().equals("n4")), "n4 votes in the meta group");
            try (var j = cluster.jedis(0)) {
                for (int i = 0; i < 200; i++) j.set("key-" + i, "value-" + i);
            }
            awaitIdenticalReplicas(cluster, List.of(0, 1, 2, n4));

            drain(cluster.admin(n4).removeNode(RemoveNodeRequest.newBuilder().setNodeId("n4").build()));
            TestCluster.await("n1's view without n4", () -> cluster.admin(0).describeCluster(DescribeClusterRequest.getDefaultInstance())
                    .getShardsList().stream().noneMatch(s -> s.getMembersList().stream().anyMatch(m -> m.getNodeId().equals("n4"))));
            DescribeClusterReply removed = cluster.admin(0).describeCluster(DescribeClusterRequest.getDefaultInstance());
            assertEquals(List.of("n1", "n2", "n3"), removed.getNodesList().stream().map(n -> n.getNode().getId()).toList());
            for (ShardView s : removed.getShardsList()) {
                assertFalse(s.getMembersList().stream().anyMatch(m -> m.getNodeId().equals("n4")), s.getName() + " without n4");
            }
            HealthReply left = cluster.nodes.health(cluster.nodes.configs().get(n4), false);
            assertTrue(left.getGroupsList().stream().noneMatch(g -> g.getGroupId().startsWith("shard-")),
                    "n4 dropped its shard replicas: " + left.getGroupsList());

            // A removed node can be added again (its old copies were set aside when it left).
            drain(cluster.admin(1).addNode(AddNodeRequest.newBuilder()
                    .setAddress(cluster.nodes.adminAddress(n4)).addShards("shard-1").build()));
            try (var j = cluster.jedis(0)) {
                for (int i = 0; i < 200; i++) j.set("again-" + i, "value-" + i);
            }
            awaitIdenticalReplicas(cluster, List.of(0, 1, 2, n4), List.of("shard-1"));
        }
    }

    /** A fourth node process that knows the cluster and waits to be added. */
    private static int startExtraNode(TestCluster cluster) throws Exception {
        int n4 = cluster.nodes.addNode("127.0.0.1");
        cluster.nodes.start(n4);
        TestCluster.await("the new node's admin service", () -> cluster.nodes.health(cluster.nodes.configs().get(n4), false) != null);
        return n4;
    }

    /** Each shard's replicas on {@code nodes} reach the same applied index and keyspace digest. */
    private static void awaitIdenticalReplicas(TestCluster cluster, List<Integer> nodes) {
        awaitIdenticalReplicas(cluster, nodes, SHARDS);
    }

    private static void awaitIdenticalReplicas(TestCluster cluster, List<Integer> nodes, List<String> shards) {
        for (String s : shards) {
            TestCluster.await(s + " replicas to converge on " + nodes, () -> nodes.stream()
                    .map(n -> cluster.nodes.health(cluster.nodes.configs().get(n), true))
                    .map(h -> h == null ? null : h.getGroupsList().stream().filter(g -> g.getGroupId().equals(s)).findFirst().orElse(null))
                    .map(g -> g == null ? null : g.getAppliedIndex() + "/" + g.getDigest())
                    .distinct().filter(Objects::nonNull).count() == 1
                    && nodes.stream().allMatch(n -> hasGroup(cluster, n, s)));
        }
    }

    private static boolean hasGroup(TestCluster cluster, int node, String group) {
        HealthReply h = cluster.nodes.health(cluster.nodes.configs().get(node), false);
        return h != null && h.getGroupsList().stream().map(GroupStatus::getGroupId).anyMatch(group::equals);
    }
}
