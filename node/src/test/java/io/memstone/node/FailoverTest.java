package io.memstone.node;

import io.memstone.proto.admin.GroupStatus;
import io.memstone.raft.LogPayloadMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** kill -9 of real node processes while clients write; acknowledged writes must survive. */
@Timeout(300)
class FailoverTest {
    @Test
    void acknowledgedWritesSurviveLeaderKill() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            int leader = cluster.nodes.leaderIndex();
            Writers writers = new Writers(cluster, leader);
            writers.start();
            writers.awaitAcknowledged(200);
            cluster.nodes.kill(leader);
            TestCluster.await("a new leader", () -> cluster.nodes.leaderIndex() >= 0);
            writers.awaitEveryShardAcknowledges(100);
            writers.stop();

            int survivor = (leader + 1) % 3;
            writers.assertAllReadable(survivor);

            cluster.nodes.start(leader);
            int newLeader = cluster.nodes.leaderIndex();
            TestCluster.await("node " + leader + " to catch up", () -> {
                GroupStatus restarted = cluster.shardStatus(leader);
                GroupStatus current = cluster.shardStatus(newLeader);
                return restarted != null && current != null
                        && restarted.getAppliedIndex() == current.getAppliedIndex()
                        && restarted.getDigest().equals(current.getDigest());
            });
            writers.assertAllReadable(leader);
        }
    }

    @Test
    void acknowledgedWritesSurviveKillingEveryNode() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            Writers writers = new Writers(cluster, -1);
            writers.start();
            writers.awaitAcknowledged(1000);
            for (int i = 0; i < 3; i++) cluster.nodes.kill(i);
            writers.stop();
            for (int i = 0; i < 3; i++) cluster.nodes.start(i);
            cluster.nodes.awaitServing(TestCluster.TIMEOUT);
            for (int i = 0; i < 3; i++) writers.assertAllReadable(i);
        }
    }
}
