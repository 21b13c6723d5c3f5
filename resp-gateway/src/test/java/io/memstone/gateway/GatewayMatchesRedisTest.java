package io.memstone.gateway;

import io.memstone.testing.MixedCommands;
import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerProcess;
import io.memstone.testing.ReplyMatcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's Redis semantics as a client sees them through the gateway: the same commands go
 * over TCP to a real redis-server and to the gateway, and every reply must match (parsing,
 * routing, RESP2 encoding and the engine together).
 */
class GatewayMatchesRedisTest {
    private static final int COMMANDS = 2000;
    private static RedisServerProcess server;

    @RegisterExtension
    static final TestGateway gateway = new TestGateway();

    @BeforeAll
    static void start() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void mixedCommandsReplyAsRedisDoes(long seed) {
        MixedCommands mixed = new MixedCommands(seed);
        List<List<String>> commands = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) commands.add(mixed.next());
        commands.addAll(MixedCommands.readAll());
        assertRepliesMatch(commands);
    }

    /** PFCOUNT caches its count in the HLL's bytes only if the gateway sends it through the log. */
    @Test
    void pfcountCachesTheCountWhereGetAndAppendSeeIt() {
        assertRepliesMatch(List.of(List.of("pfadd", "{m}h", "a", "b", "c"), List.of("pfcount", "{m}h"),
                List.of("get", "{m}h"), List.of("append", "{m}h", "c"), List.of("pfcount", "{m}h")));
    }

    /** Runs the commands on emptied servers, each on both before the next. */
    private static void assertRepliesMatch(List<List<String>> commands) {
        try (RawRespClient redis = server.connect();
                RawRespClient memstone = RawRespClient.connect("127.0.0.1", gateway.port())) {
            ReplyMatcher replies = new ReplyMatcher();
            replies.check(List.of("flushall"), redis, memstone);
            for (List<String> command : commands) replies.check(command, redis, memstone);
        }
    }
}
