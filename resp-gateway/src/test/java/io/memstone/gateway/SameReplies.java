package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memstone.testing.RawRespClient;
import java.util.List;

/** Differential checks of the gateway against redis-server: the same requests, the same bytes back. */
final class SameReplies {
    private SameReplies() {}

    /** Sends the same commands to both, each over one connection, and compares every reply byte for byte. */
    static void assertSameReplies(int redisPort, int gatewayPort, List<List<String>> commands) {
        try (RawRespClient r = RawRespClient.connect("127.0.0.1", redisPort);
             RawRespClient g = RawRespClient.connect("127.0.0.1", gatewayPort)) {
            for (List<String> cmd : commands) {
                String[] argv = cmd.toArray(String[]::new);
                assertEquals(r.callString(argv), g.callString(argv), "the reply to " + cmd);
            }
        }
    }
}
