package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.raft.LogPayloadMode;
import io.memstone.raft.LogRetention;
import io.memstone.raft.ShardGroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The meta group snapshots its state (shape, parameters, users) and purges its log, like a shard:
 * a full restart then starts from the snapshot, and every change made before it is still there.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MetaSnapshotTest {
    private static final int CHANGES = 60;

    @Test
    void theMetaGroupRestartsFromItsSnapshotWithEveryChange() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB, new LogRetention(20, 2, 8 * 1024))) {
            try (Jedis j = cluster.jedis(0)) {
                for (int i = 1; i <= CHANGES; i++) assertEquals("OK", j.configSet("slowlog-max-len", Integer.toString(1000 + i)));
                assertEquals("OK", j.aclSetUser("alice", "on", ">secret", "~app:*", "+get", "+set", "(~other:* +set)"));
            }
            String aliceBefore;
            try (Jedis j = cluster.jedis(1)) {
                aliceBefore = j.aclList().stream().filter(u -> u.startsWith("user alice ")).findFirst().orElseThrow();
            }
            for (int node = 0; node < 3; node++) {
                int n = node;
                TestCluster.await("a meta snapshot on node " + n, () -> !metaSnapshots(cluster, n).isEmpty());
            }

            for (int node = 0; node < 3; node++) cluster.nodes.kill(node);
            for (int node = 0; node < 3; node++) cluster.nodes.start(node);
            cluster.nodes.awaitServing(TestCluster.TIMEOUT);

            for (int node = 0; node < 3; node++) {
                String log = Files.readString(cluster.nodes.logFile(cluster.nodes.configs().get(node)));
                assertTrue(log.contains("loaded the meta snapshot"), "node " + node + " started from the meta snapshot");
                try (Jedis j = cluster.jedis(node)) {
                    assertEquals(Integer.toString(1000 + CHANGES), j.configGet("slowlog-max-len").get("slowlog-max-len"));
                    assertEquals(aliceBefore, j.aclList().stream().filter(u -> u.startsWith("user alice ")).findFirst().orElseThrow(),
                            "alice as she was, on node " + node);
                }
                try (Jedis alice = cluster.jedis(node)) {
                    assertEquals("OK", alice.auth("alice", "secret"));
                    alice.set("app:x", "v");
                    assertEquals("v", alice.get("app:x"), "the restored user reads her keys");
                    JedisDataException refused = assertThrows(JedisDataException.class, () -> alice.get("other:x"));
                    assertTrue(refused.getMessage().startsWith("NOPERM"), "and only what her rules allow: " + refused.getMessage());
                }
            }
            EveryShard.assertEveryGatewayWritesAndReadsEveryShard(cluster, "after-restart");
        }
    }

    private static List<Path> metaSnapshots(TestCluster cluster, int node) throws IOException {
        String group = ShardGroups.groupId(ShardGroups.META).getUuid().toString();
        try (Stream<Path> files = Files.walk(cluster.nodes.configs().get(node).dataDir())) {
            return files.filter(p -> p.toString().contains(group) && p.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).toList();
        }
    }
}
