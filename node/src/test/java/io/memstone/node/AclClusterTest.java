package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.raft.LogPayloadMode;
import io.memstone.raft.ShardGroups;
import io.memstone.testing.RawRespClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ACL users as cluster state on a real 3-node cluster: a user created through one node
 * authenticates on every node, also after the meta group's leader is killed and after a full
 * restart (users are replayed from the meta group's log); deleting or disabling a user closes
 * its connections on every node; a changed permission applies to the next command everywhere.
 */
@Timeout(400)
class AclClusterTest {

    private static RawRespClient connect(TestCluster cluster, int node) {
        return RawRespClient.connect("127.0.0.1", cluster.respPort(node));
    }

    /** Waits until AUTH as {@code user} succeeds on {@code node} (the change reaches it through the meta group). */
    private static void awaitAuth(TestCluster cluster, int node, String user, String password) {
        TestCluster.await(user + " authenticating on node " + node, () -> {
            try (RawRespClient c = connect(cluster, node)) {
                return c.callString("AUTH", user, password).equals("+OK\r\n");
            }
        });
    }

    private static String asUser(TestCluster cluster, int node, String user, String password, String... command) {
        try (RawRespClient c = connect(cluster, node)) {
            assertEquals("+OK\r\n", c.callString("AUTH", user, password), "AUTH " + user + " on node " + node);
            return c.callString(command);
        }
    }

    @Test
    void aUserCreatedThroughNodeOneAuthenticatesOnNodeThreeAfterALeaderKillAndAFullRestart() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            try (RawRespClient c = connect(cluster, 0)) {
                assertEquals("+OK\r\n", c.callString("ACL", "SETUSER", "alice", "on", ">secret", "~app:*", "+@all"));
                assertTrue(c.callString("ACL", "LIST").contains("user alice on #2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b ~app:*"),
                        "the node that made the change answers once it applied it, with the password hashed");
            }
            awaitAuth(cluster, 2, "alice", "secret");
            assertEquals("+OK\r\n", asUser(cluster, 2, "alice", "secret", "SET", "app:1", "v"));
            assertEquals("-NOPERM this user has no permissions to access one of the keys used as arguments\r\n",
                    asUser(cluster, 2, "alice", "secret", "SET", "other", "v"));

            int metaLeader = cluster.nodes.leaderIndex(ShardGroups.META);
            cluster.nodes.kill(metaLeader);
            int survivor = (metaLeader + 1) % 3;
            int other = (metaLeader + 2) % 3;
            try (RawRespClient c = connect(cluster, survivor)) {
                TestCluster.await("a change through a survivor once the meta group elected a new leader",
                        () -> c.callString("ACL", "SETUSER", "alice", ">second", "%R~other").equals("+OK\r\n"));
            }
            awaitAuth(cluster, other, "alice", "second");
            assertEquals("$-1\r\n", asUser(cluster, other, "alice", "second", "GET", "other"),
                    "the added read pattern applies on the other survivor");
            cluster.nodes.start(metaLeader);
            awaitAuth(cluster, metaLeader, "alice", "second");

            for (int i = 0; i < 3; i++) cluster.nodes.kill(i);
            cluster.nodes.start();
            cluster.nodes.awaitServing(TestCluster.TIMEOUT);
            for (int node = 0; node < 3; node++) {
                awaitAuth(cluster, node, "alice", "secret");
                awaitAuth(cluster, node, "alice", "second");
                assertEquals("$1\r\nv\r\n", asUser(cluster, node, "alice", "second", "GET", "app:1"), "node " + node);
                assertEquals("-NOPERM this user has no permissions to access one of the keys used as arguments\r\n",
                        asUser(cluster, node, "alice", "second", "SET", "other", "v"), "node " + node);
            }
        }
    }

    @Test
    void deletedAndDisabledUsersLoseTheirConnectionsOnEveryNodeAndPermissionsApplyAtOnce() throws Exception {
        try (TestCluster cluster = new TestCluster(LogPayloadMode.ROCKSDB)) {
            try (RawRespClient c = connect(cluster, 0)) {
                assertEquals("+OK\r\n", c.callString("ACL", "SETUSER", "bob", "on", ">pw", "~*", "+@all"));
                assertEquals("+OK\r\n", c.callString("ACL", "SETUSER", "carol", "on", ">pw", "~*", "+@all"));
            }
            List<RawRespClient> bobs = new ArrayList<>();
            List<RawRespClient> carols = new ArrayList<>();
            try {
                for (int node = 0; node < 3; node++) {
                    awaitAuth(cluster, node, "bob", "pw");
                    awaitAuth(cluster, node, "carol", "pw");
                    bobs.add(authenticated(cluster, node, "bob"));
                    carols.add(authenticated(cluster, node, "carol"));
                }
                try (RawRespClient c = connect(cluster, 1)) {
                    assertEquals("+OK\r\n", c.callString("ACL", "SETUSER", "carol", "-get"));
                    // Applied on node 1 when answered; the others apply it from the meta group's log.
                    assertEquals("-NOPERM this user has no permissions to run the 'get' command\r\n",
                            carols.get(1).callString("GET", "k"));
                    for (int node = 0; node < 3; node++) {
                        RawRespClient carol = carols.get(node);
                        TestCluster.await("carol's GET refused on node " + carol,
                                () -> carol.callString("GET", "k").startsWith("-NOPERM"));
                    }
                    assertEquals(":1\r\n", c.callString("ACL", "DELUSER", "bob"));
                    assertEquals("+OK\r\n", c.callString("ACL", "SETUSER", "carol", "off"));
                }
                for (int node = 0; node < 3; node++) {
                    RawRespClient bob = bobs.get(node);
                    RawRespClient carol = carols.get(node);
                    TestCluster.await("bob's connection to node " + node + " closed", bob::closedByServer);
                    TestCluster.await("carol's connection to node " + node + " closed", carol::closedByServer);
                }
                try (RawRespClient c = connect(cluster, 2)) {
                    assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
                            c.callString("AUTH", "bob", "pw"));
                    assertEquals("+PONG\r\n", c.callString("PING"), "the default user's connection stays");
                }
            } finally {
                bobs.forEach(RawRespClient::close);
                carols.forEach(RawRespClient::close);
            }
        }
    }

    private static RawRespClient authenticated(TestCluster cluster, int node, String user) {
        RawRespClient c = connect(cluster, node);
        assertEquals("+OK\r\n", c.callString("AUTH", user, "pw"));
        return c;
    }
}
