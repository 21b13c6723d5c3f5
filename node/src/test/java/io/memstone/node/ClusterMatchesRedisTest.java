package io.memstone.node;

import io.memstone.testing.MixedCommands;
import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerProcess;
import io.memstone.testing.ReplyMatcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's Redis semantics on a real 3-node cluster: seeded {@link MixedCommands} go
 * round-robin through the three gateways (followers forward to the leader) and to a real
 * redis-server, every reply must match, and the replicas must then hold identical keyspaces.
 */
@Timeout(180)
class ClusterMatchesRedisTest {
    private static final int COMMANDS = 1500;

    @RegisterExtension
    static final SharedCluster shared = new SharedCluster();

    @Test
    void mixedCommandsThroughEveryGatewayReplyAsRedisDoesAndReplicasConverge() {
        List<RawRespClient> gateways = new ArrayList<>();
        try (RedisServerProcess server = RedisServerProcess.start(); RawRespClient redis = server.connect()) {
            for (int node = 0; node < 3; node++) gateways.add(RawRespClient.connect("127.0.0.1", shared.get().respPort(node)));
            ReplyMatcher replies = new ReplyMatcher();
            MixedCommands commands = new MixedCommands(7);
            for (int i = 0; i < COMMANDS; i++) replies.check(commands.next(), redis, gateways.get(i % 3));
            List<List<String>> reads = MixedCommands.readAll();
            for (int i = 0; i < reads.size(); i++) replies.check(reads.get(i), redis, gateways.get(i % 3));
        } finally {
            gateways.forEach(RawRespClient::close);
        }
        shared.get().awaitReplicasIdentical();
    }
}
