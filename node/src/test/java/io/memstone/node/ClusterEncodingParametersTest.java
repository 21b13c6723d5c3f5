package io.memstone.node;

import static io.memstone.node.AdminServiceTest.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memstone.proto.admin.CreateSnapshotRequest;
import io.memstone.proto.admin.SetParametersRequest;
import io.memstone.raft.LogPayloadMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * Encoding parameters on a real 3-node cluster: a CONFIG SET through one node is in force for
 * keys of every shard through every gateway once it answers, every replica of each shard agrees
 * (digests include the limits), a restarted node keeps the change (from its snapshot), and a
 * change made through the admin service reaches the shards without any CONFIG SET.
 */
class ClusterEncodingParametersTest {

    @Test
    @Timeout(240)
    void configSetThroughOneNodeChangesEncodingsOnEveryShardAndSurvivesARestart() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            try (Jedis j = cluster.jedis(0)) {
                assertEquals("OK", j.configSet("hash-max-listpack-entries", "2", "set-max-intset-entries", "2",
                        "zset-max-ziplist-entries", "2"));
            }
            for (int gateway = 0; gateway < 3; gateway++) assertEncodings(cluster, gateway, "g" + gateway, "hashtable");
            cluster.awaitReplicasIdentical();

            drain(cluster.admin(0).createSnapshot(CreateSnapshotRequest.getDefaultInstance()));
            cluster.nodes.kill(2);
            cluster.nodes.start(2);
            TestCluster.await("node 2 to serve again", () -> {
                try (Jedis j = cluster.jedis(2)) {
                    return "PONG".equals(j.ping());
                }
            });
            assertEncodings(cluster, 2, "restarted", "hashtable");
            cluster.awaitReplicasIdentical();

            // Through the admin service: no CONFIG SET proposes it to the shards, their leaders do.
            cluster.admin(1).setParameters(SetParametersRequest.newBuilder()
                    .putParameters("hash-max-listpack-entries", "512").putParameters("set-max-intset-entries", "512")
                    .putParameters("zset-max-listpack-entries", "128").build());
            TestCluster.await("every shard to pack small values again", () -> {
                assertEncodings(cluster, 1, "admin" + System.nanoTime(), "listpack");
                return true;
            });
            cluster.awaitReplicasIdentical();
        }
    }

    /**
     * Through {@code gateway}, a hash, a set and a sorted set of three small entries on each
     * shard take the encodings expected: "hashtable" (and skiplist) past a threshold of 2,
     * "listpack" (and intset) at the defaults.
     */
    private static void assertEncodings(TestCluster cluster, int gateway, String prefix, String expected) {
        boolean packed = expected.equals("listpack");
        try (Jedis j = cluster.jedis(gateway)) {
            for (String shardKey : EveryShard.keys(cluster, prefix)) {
                String key = "{" + shardKey + "}"; // keeps the shard's slot
                String hash = key + ":h";
                j.hset(hash, java.util.Map.of("a", "1", "b", "2", "c", "3"));
                assertEquals(expected, j.objectEncoding(hash), hash + " through gateway " + gateway);
                j.sadd(key + ":s", "1", "2", "3");
                assertEquals(packed ? "intset" : "hashtable", j.objectEncoding(key + ":s"), key + ":s through gateway " + gateway);
                j.zadd(key + ":z", java.util.Map.of("a", 1.0, "b", 2.0, "c", 3.0));
                assertEquals(packed ? "listpack" : "skiplist", j.objectEncoding(key + ":z"), key + ":z through gateway " + gateway);
            }
        }
    }
}
