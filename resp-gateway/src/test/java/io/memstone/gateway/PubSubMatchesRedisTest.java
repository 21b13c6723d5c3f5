package io.memstone.gateway;

import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerProcess;
import io.memstone.testing.ReplyMatcher;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pub/Sub as a client sees it, against a real redis-server 7.0: the same script of commands,
 * over several connections, goes to both, and every reply and every pushed message must be
 * byte-identical, in RESP2 and RESP3. A step that expects a message blocks reading it (up to
 * the client's timeout), so nothing waits on a clock.
 */
class PubSubMatchesRedisTest {
    private static RedisServerProcess redis;

    @RegisterExtension
    static final TestGateway gateway = new TestGateway();

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stop() {
        if (redis != null) redis.close();
    }

    @Test
    void subscribeConfirmsEachChannelWithTheRunningCount() {
        new Script(2)
                .send(0, 2, "SUBSCRIBE", "c1", "c2")
                .send(0, 1, "PSUBSCRIBE", "news.*")
                .send(0, 1, "SUBSCRIBE", "c1")
                .send(0, 1, "UNSUBSCRIBE", "c1")
                .send(0, 1, "UNSUBSCRIBE", "never")
                .send(0, 1, "PUNSUBSCRIBE")
                .send(0, 1, "UNSUBSCRIBE")
                .send(0, 1, "UNSUBSCRIBE")
                .send(0, 1, "PUNSUBSCRIBE")
                .send(0, 1, "GET", "x")
                .run();
    }

    @Test
    void resp2SubscribedConnectionAcceptsOnlySubscriptionCommandsPingAndQuit() {
        new Script(1)
                .send(0, 1, "SUBSCRIBE", "ctx")
                .send(0, 1, "GET", "x")
                .send(0, 1, "CLIENT", "LIST")
                .send(0, 1, "CONFIG", "GET", "timeout")
                .send(0, 1, "PUBLISH", "ctx", "m")
                .send(0, 1, "HELLO", "3")
                .send(0, 1, "PING")
                .send(0, 1, "PING", "hi")
                .send(0, 1, "NOSUCHCOMMAND")
                .send(0, 1, "SSUBSCRIBE", "ctx-shard")
                .send(0, 1, "UNSUBSCRIBE", "ctx")
                .send(0, 1, "GET", "x")
                .send(0, 1, "SUNSUBSCRIBE")
                .send(0, 1, "GET", "x")
                .send(0, 1, "PING")
                .send(0, 1, "QUIT")
                .run();
    }

    @Test
    void messagesAndPatternMessagesCountEveryReception() {
        new Script(3)
                .send(0, 1, "SUBSCRIBE", "m.a")
                .send(1, 2, "PSUBSCRIBE", "m.*", "m.[ab]")
                .send(2, 1, "PUBLISH", "m.a", "hello")
                .read(0, 1)
                .readAnyOrder(1, 2)
                .send(2, 1, "PUBLISH", "m.c", "")
                .read(1, 1)
                .send(2, 1, "PUBLISH", "nobody", "x")
                .send(2, 1, "PUBSUB", "NUMSUB", "m.a", "m.b", "nobody")
                .send(2, 1, "PUBSUB", "NUMPAT")
                .send(2, 1, "PUBSUB", "CHANNELS", "m.*")
                .send(2, 1, "PUBSUB", "CHANNELS", "none*")
                .send(0, 1, "PSUBSCRIBE", "m.a")
                .send(2, 1, "PUBLISH", "m.a", "twice")
                .readAnyOrder(0, 2)
                .readAnyOrder(1, 2)
                .run();
    }

    @Test
    void resp3PushesMixWithOrdinaryReplies() {
        new Script(2)
                .quiet(0, "HELLO", "3")
                .send(0, 2, "SUBSCRIBE", "r3a", "r3b")
                .send(0, 1, "PSUBSCRIBE", "r3*")
                .send(0, 1, "GET", "x")
                .send(0, 1, "PING")
                .send(1, 1, "PUBLISH", "r3a", "v")
                .readAnyOrder(0, 2)
                .send(0, 1, "PUBSUB", "NUMSUB", "r3a")
                .send(0, 1, "UNSUBSCRIBE", "r3a")
                .send(0, 1, "PUNSUBSCRIBE")
                .send(0, 1, "UNSUBSCRIBE")
                .send(0, 1, "UNSUBSCRIBE")
                .run();
    }

    @Test
    void shardChannelsCountApartFromClassicOnes() {
        new Script(2)
                .send(0, 1, "SUBSCRIBE", "{s}classic")
                .send(0, 2, "SSUBSCRIBE", "{s}a", "{s}b")
                .send(1, 1, "SPUBLISH", "{s}a", "sharded")
                .read(0, 1)
                .send(1, 1, "PUBLISH", "{s}a", "classic")
                .send(1, 1, "PUBSUB", "SHARDCHANNELS", "{s}a")
                .send(1, 1, "PUBSUB", "SHARDNUMSUB", "{s}a", "{s}b", "{s}c")
                .send(1, 1, "PUBSUB", "NUMSUB", "{s}a")
                .send(0, 1, "SUNSUBSCRIBE", "{s}a")
                .send(0, 1, "SUNSUBSCRIBE")
                .send(0, 1, "SUNSUBSCRIBE")
                .send(0, 1, "UNSUBSCRIBE")
                .run();
    }

    @Test
    void badArgumentsGetRedisErrors() {
        new Script(1)
                .send(0, 1, "SUBSCRIBE")
                .send(0, 1, "PSUBSCRIBE")
                .send(0, 1, "PUBLISH", "a")
                .send(0, 1, "SPUBLISH", "a", "b", "c")
                .send(0, 1, "PUBSUB")
                .send(0, 1, "PUBSUB", "NOPE")
                .send(0, 1, "PUBSUB", "NUMPAT", "extra")
                .send(0, 1, "PUBSUB", "CHANNELS", "a", "b")
                .send(0, 1, "PUBSUB", "NUMSUB")
                .run();
    }

    /** A client with subscriptions is of type pubsub, one without (again) of type normal. */
    @Test
    void clientKillTypePubsubClosesSubscribersOnly() {
        new Script(3)
                .send(0, 1, "SUBSCRIBE", "kill-me")
                .send(1, 1, "PSUBSCRIBE", "kept")
                .send(1, 1, "PUNSUBSCRIBE", "kept")
                .send(2, 1, "CLIENT", "KILL", "TYPE", "pubsub")
                .send(2, 1, "CLIENT", "KILL", "TYPE", "pubsub")
                .send(1, 1, "PING")
                .run();
    }

    @Test
    void clientOutputBufferLimitSetsTheNamedClassesOnly() {
        new Script(1)
                .send(0, 1, "CONFIG", "GET", "client-output-buffer-limit")
                .send(0, 1, "CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 0 0")
                .send(0, 1, "CONFIG", "SET", "client-output-buffer-limit", "Replica 1k 2k 3 pubsub 1 2 3 pubsub 4 5 6")
                .send(0, 1, "CONFIG", "GET", "client-output-buffer-limit")
                .send(0, 1, "CONFIG", "SET", "client-output-buffer-limit", "pubsub 1 2")
                .send(0, 1, "CONFIG", "SET", "client-output-buffer-limit", "foo 1 2 3")
                .send(0, 1, "CONFIG", "SET", "client-output-buffer-limit", "pubsub x 2 3")
                .send(0, 1, "CONFIG", "SET", "client-output-buffer-limit", "normal 1 2 -3")
                .send(0, 1, "CONFIG", "SET", "client-output-buffer-limit", "")
                .send(0, 1, "CONFIG", "SET", "client-output-buffer-limit", OutputLimits.DEFAULT)
                .send(0, 1, "CONFIG", "GET", "client-output-buffer-limit")
                .run();
    }

    /**
     * Steps over numbered connections, played on redis-server then on the gateway; each step's
     * replies (or read messages) are compared.
     */
    private static final class Script {
        /** {@code argv} null: read pushed messages; {@code anyOrder}: their order is Redis' dict order, unspecified. */
        private record Step(int conn, int replies, String[] argv, boolean anyOrder) {}

        private final int connections;
        private final List<Step> steps = new ArrayList<>();

        Script(int connections) {
            this.connections = connections;
        }

        /** Sends a command on connection {@code conn} and reads {@code replies} replies. */
        Script send(int conn, int replies, String... argv) {
            steps.add(new Step(conn, replies, argv, false));
            return this;
        }

        /** Reads {@code messages} pushed messages on connection {@code conn}. */
        Script read(int conn, int messages) {
            steps.add(new Step(conn, messages, null, false));
            return this;
        }

        /** Reads messages that arrive in an unspecified order (one per matching pattern): compared as a set. */
        Script readAnyOrder(int conn, int messages) {
            steps.add(new Step(conn, messages, null, true));
            return this;
        }

        /** Sends a command whose reply legitimately differs (HELLO's server details), not compared. */
        Script quiet(int conn, String... argv) {
            steps.add(new Step(conn, -1, argv, false));
            return this;
        }

        void run() {
            List<byte[]> expected = play(redis::connect);
            List<byte[]> actual = play(() -> RawRespClient.connect("127.0.0.1", gateway.port()));
            ReplyMatcher matcher = new ReplyMatcher();
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                String[] shown = s.argv != null ? s.argv : new String[] {"(read " + s.replies + " on connection " + s.conn + ")"};
                if (s.replies >= 0) matcher.check(RawRespClient.toBytes(shown), expected.get(i), actual.get(i));
            }
        }

        private List<byte[]> play(java.util.function.Supplier<RawRespClient> connect) {
            List<RawRespClient> conns = new ArrayList<>();
            try {
                for (int i = 0; i < connections; i++) conns.add(connect.get());
                List<byte[]> out = new ArrayList<>();
                for (Step s : steps) {
                    RawRespClient c = conns.get(s.conn);
                    List<byte[]> got = new ArrayList<>();
                    if (s.argv != null) got.add(c.call(RawRespClient.toBytes(s.argv)));
                    for (int r = s.argv != null ? 1 : 0; r < s.replies; r++) got.add(c.read());
                    if (s.anyOrder) got.sort(Arrays::compare);
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    got.forEach(all::writeBytes);
                    out.add(all.toByteArray());
                }
                return out;
            } finally {
                conns.forEach(RawRespClient::close);
            }
        }
    }
}
