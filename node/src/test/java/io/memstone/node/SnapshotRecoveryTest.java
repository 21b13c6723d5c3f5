package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.proto.admin.GroupStatus;
import io.memstone.raft.LogRetention;
import io.memstone.raft.ShardGroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Snapshots on real node processes: a snapshot every 100 entries and 8 KB log segments, so
 * Ratis purges the log behind each snapshot and a restarted or wiped node must use them. One
 * shard, so that every write is an entry of the group whose files the test looks at.
 */
@Timeout(300)
class SnapshotRecoveryTest {
    private static final LogRetention FREQUENT = new LogRetention(100, 2, 8 * 1024);
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");
    private static final Pattern SEGMENT = Pattern.compile("log_(\\d+)-(\\d+)");

    @Test
    void restartedWipedAndCorruptedFollowersAllRecoverTheSameData() throws Exception {
        try (TestCluster cluster = new TestCluster(LocalCluster.Settings.DEFAULT.withRetention(FREQUENT).withShards(1))) {
            int leader = cluster.nodes.leaderIndex();
            int follower = (leader + 1) % 3;
            write(cluster, leader, 0, 1500);
            TestCluster.await("snapshots on every node and a purged log on the leader", () ->
                    newest(cluster, 0) > 0 && newest(cluster, 1) > 0 && newest(cluster, 2) > 0
                            && firstLogIndex(cluster, leader) > 1);
            write(cluster, leader, 1500, 1600); // these stay in the log after the newest snapshot

            // A restart loads the newest snapshot and replays the log after it.
            cluster.nodes.kill(follower);
            cluster.nodes.start(follower);
            awaitSameData(cluster, leader, follower);
            assertTrue(logOf(cluster, follower).contains("loaded snapshot"), "the restart used a snapshot");

            // A node that was down while the leader purged the entries it lacks gets the snapshot.
            int lagging = (leader + 2) % 3;
            cluster.nodes.kill(lagging);
            long lastHeld = lastLogIndex(cluster, lagging);
            write(cluster, leader, 1600, 2400);
            TestCluster.await("the leader to purge past the stopped node's log",
                    () -> firstLogIndex(cluster, leader) > lastHeld + 1);
            cluster.nodes.start(lagging);
            awaitSameData(cluster, leader, lagging);
            assertTrue(logOf(cluster, lagging).contains("installed the leader's snapshot"), "caught up by install");

            // A corrupt newest snapshot is reported and the older one used.
            cluster.nodes.kill(follower);
            Path newest = snapshotFiles(cluster, follower).get(0);
            flipByte(newest);
            cluster.nodes.start(follower);
            awaitSameData(cluster, leader, follower);
            assertTrue(logOf(cluster, follower).contains("is corrupt"), "the corruption was reported");
            assertTrue(Files.exists(newest.resolveSibling(newest.getFileName() + ".corrupt")));
            try (Jedis j = cluster.jedis(follower)) {
                for (int i = 0; i < 2400; i += 97) assertEquals("value-" + i, j.get("key-" + i));
            }
        }
    }

    /**
     * After a full restart, a leader still holds the log entries behind its newest snapshot
     * (purge preservation) and sends a lagging follower those, with their payloads: restarting
     * must not drop the payloads of entries its log still has (it did: the leader then failed to
     * read them, logged a RaftLogIOException per attempt, and fell back to sending a snapshot).
     */
    @Test
    void aLaggingFollowerCatchesUpFromTheLogAfterAFullRestart() throws Exception {
        try (TestCluster cluster = new TestCluster(LocalCluster.Settings.DEFAULT.withRetention(FREQUENT).withShards(1))) {
            int leader = cluster.nodes.leaderIndex();
            int lagging = (leader + 1) % 3;
            int other = (leader + 2) % 3;
            write(cluster, leader, 0, 20);
            awaitSameData(cluster, leader, lagging);
            cluster.nodes.kill(lagging);
            long held = cluster.shardStatus(leader).getAppliedIndex();
            write(cluster, leader, 20, 150); // a snapshot on the leader past what the lagging node holds
            TestCluster.await("a snapshot past the stopped node's entries", () -> newest(cluster, leader) > held);
            cluster.nodes.kill(leader);
            cluster.nodes.kill(other);
            cluster.nodes.start(leader);
            cluster.nodes.start(other);
            cluster.nodes.start(lagging);
            TestCluster.await("the stopped node to apply the leader's last entry", () -> {
                GroupStatus b = cluster.shardStatus(lagging);
                GroupStatus a = cluster.shardStatus(cluster.nodes.leaderIndex());
                return a != null && b != null && b.getAppliedIndex() >= a.getAppliedIndex();
            });
            GroupStatus a = cluster.shardStatus(cluster.nodes.leaderIndex());
            GroupStatus b = cluster.shardStatus(lagging);
            assertEquals(a.getDigest() + " " + a.getKeys(), b.getDigest() + " " + b.getKeys(), "the same data");
            assertFalse(logOf(cluster, lagging).contains("installed the leader's snapshot"), "caught up from the log");
            for (int node = 0; node < 3; node++) {
                assertFalse(logOf(cluster, node).contains("Failed readStateMachineData"), "payloads readable on node " + node);
            }
            try (Jedis j = cluster.jedis(lagging)) {
                for (int i = 0; i < 150; i += 7) assertEquals("value-" + i, j.get("key-" + i));
            }
        }
    }

    private static void write(TestCluster cluster, int node, int from, int to) {
        try (Jedis j = cluster.jedis(node)) {
            for (int i = from; i < to; i++) assertEquals("OK", j.set("key-" + i, "value-" + i));
        }
    }

    private static void awaitSameData(TestCluster cluster, int leader, int node) {
        TestCluster.await("node " + node + " to hold the leader's data", () -> {
            GroupStatus a = cluster.shardStatus(leader);
            GroupStatus b = cluster.shardStatus(node);
            return a != null && b != null && a.getAppliedIndex() == b.getAppliedIndex()
                    && a.getKeys() > 0 && a.getDigest().equals(b.getDigest());
        });
    }

    /** Index of the node's newest snapshot file, 0 when it has none. */
    private static long newest(TestCluster cluster, int node) throws IOException {
        List<Path> files = snapshotFiles(cluster, node);
        return files.isEmpty() ? 0 : index(files.get(0), SNAPSHOT, 2);
    }

    private static List<Path> snapshotFiles(TestCluster cluster, int node) throws IOException {
        return matching(cluster, node, SNAPSHOT).stream()
                .sorted(Comparator.comparingLong((Path p) -> index(p, SNAPSHOT, 2)).reversed()).toList();
    }

    /** The first index still in the node's closed Raft log segments. */
    private static long firstLogIndex(TestCluster cluster, int node) throws IOException {
        return matching(cluster, node, SEGMENT).stream().mapToLong(p -> index(p, SEGMENT, 1)).min().orElse(0);
    }

    /** The last index in the node's closed Raft log segments. */
    private static long lastLogIndex(TestCluster cluster, int node) throws IOException {
        return matching(cluster, node, SEGMENT).stream().mapToLong(p -> index(p, SEGMENT, 2)).max().orElse(0);
    }

    /** Files of the first shard's group (the node also holds other shards and the meta group). */
    private static List<Path> matching(TestCluster cluster, int node, Pattern name) throws IOException {
        Path dir = cluster.nodes.configs().get(node).dataDir();
        String group = ShardGroups.groupId(ShardGroups.FIRST_SHARD).getUuid().toString();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().contains(group) && name.matcher(p.getFileName().toString()).matches())
                    .toList();
        }
    }

    private static long index(Path p, Pattern name, int group) {
        Matcher m = name.matcher(p.getFileName().toString());
        if (!m.matches()) throw new IllegalArgumentException(p.toString());
        return Long.parseLong(m.group(group));
    }

    private static void flipByte(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x10;
        Files.write(file, b);
    }

    private static String logOf(TestCluster cluster, int node) throws IOException {
        return Files.readString(cluster.nodes.logFile(cluster.nodes.configs().get(node)));
    }

}
