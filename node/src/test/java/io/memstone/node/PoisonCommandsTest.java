package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Inputs that used to throw inside Raft apply, which closed the shard's group on every replica
 * and again at every restart, and an engine failure injected as a bug would throw: each answers
 * an error, and every shard keeps serving through every gateway, also after the whole cluster
 * restarts and replays a log that holds those entries.
 */
@Timeout(420)
class PoisonCommandsTest {
    /** In this cluster APPEND throws inside the engine (memstone.debug.fail-command). */
    private static final String FAILING = "append";
    private static final String ENGINE_FAILURE_LOGGED = "failed on an unexpected exception";
    /** Each argv's "%k" is a key of the shard under test. */
    private static final List<String[]> FORMER_POISON = List.of(
            new String[] {"SETRANGE", "%k", "9223372036854775807", "A"},
            new String[] {"SETRANGE", "%k", "2147483647", "AB"});

    @Test
    void poisonAndInjectedFailuresAnswerErrorsAndEveryShardServesOnAlsoAfterAFullRestart() throws Exception {
        LocalCluster.Settings failing = LocalCluster.Settings.DEFAULT
                .withJvmOptions(List.of("-Dmemstone.debug.fail-command=" + FAILING));
        try (TestCluster cluster = new TestCluster(failing)) {
            List<String> keys = EveryShard.keys(cluster, "poison");
            for (int gateway = 0; gateway < 3; gateway++) {
                try (Jedis j = cluster.jedis(gateway)) {
                    for (String key : keys) sendPoison(j, key, gateway);
                }
            }
            EveryShard.assertEveryGatewayWritesAndReadsEveryShard(cluster, "after-poison");
            cluster.awaitReplicasIdentical();
            int loggedBefore = engineFailuresLogged(cluster);
            assertTrue(loggedBefore >= 9 * 3, "every replica logged each injected failure: " + loggedBefore);

            for (int i = 0; i < 3; i++) cluster.nodes.kill(i);
            for (int i = 0; i < 3; i++) cluster.nodes.start(i);
            cluster.nodes.awaitServing(TestCluster.TIMEOUT);
            assertTrue(engineFailuresLogged(cluster) >= 2 * loggedBefore, "the restart replayed the failing entries");
            try (Jedis j = cluster.jedis(2)) {
                for (String key : keys) assertEquals("before", j.get(key), "GET " + key + " after the restart");
            }
            EveryShard.assertEveryGatewayWritesAndReadsEveryShard(cluster, "after-restart");
            cluster.awaitReplicasIdentical();
        }
    }

    /** Each poison input answers an error through this gateway, and the key keeps its value. */
    private static void sendPoison(Jedis j, String key, int gateway) {
        assertEquals("OK", j.set(key, "before"));
        String via = " on " + key + " through node " + gateway;
        JedisDataException injected = assertThrows(JedisDataException.class, () -> j.append(key, "x"), "APPEND" + via);
        assertEquals("ERR internal error in APPEND", injected.getMessage(), "APPEND" + via);
        for (String[] poison : FORMER_POISON) {
            String[] argv = java.util.Arrays.stream(poison).map(a -> a.equals("%k") ? key : a).toArray(String[]::new);
            String command = String.join(" ", argv);
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.sendCommand(
                    Protocol.Command.valueOf(argv[0]), java.util.Arrays.copyOfRange(argv, 1, argv.length)), command + via);
            assertEquals("ERR string exceeds maximum allowed size (proto-max-bulk-len)", e.getMessage(), command + via);
        }
        assertEquals("before", j.get(key), "nothing half-applied" + via);
    }

    private static int engineFailuresLogged(TestCluster cluster) throws IOException {
        int n = 0;
        for (NodeConfig c : cluster.nodes.configs()) {
            for (String line : Files.readAllLines(cluster.nodes.logFile(c))) {
                if (line.contains(ENGINE_FAILURE_LOGGED)) n++;
            }
        }
        return n;
    }
}
