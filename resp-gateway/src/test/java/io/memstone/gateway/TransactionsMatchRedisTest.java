package io.memstone.gateway;

import io.memstone.testing.MixedCommands;
import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerExtension;
import io.memstone.testing.ReplyMatcher;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MULTI / EXEC / DISCARD / WATCH / UNWATCH as clients see them, against redis-server 7.0: the
 * same commands go to both, from a first connection and, where another client must interfere,
 * from a second one; every reply must be the same bytes, in RESP2 and in RESP3.
 */
class TransactionsMatchRedisTest {
    /**
     * Replies the matcher compares loosely (set order, TTLs): sent outside transactions, since
     * inside EXEC's array they would be compared byte for byte.
     */
    private static final Set<String> LOOSE = Set.of("keys", "hkeys", "hvals", "smembers", "sinter", "sunion", "sdiff",
            "hgetall", "ttl", "pttl", "expiretime", "pexpiretime");

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    @RegisterExtension
    static final TestGateway gateway = new TestGateway();

    private final ReplyMatcher replies = new ReplyMatcher();
    private Client first;
    private Client other;

    /** One client's connections to both servers. */
    private final class Client implements AutoCloseable {
        final RawRespClient toRedis = redis.connect();
        final RawRespClient toMemstone = RawRespClient.connect("127.0.0.1", gateway.port());

        void check(String... command) {
            replies.check(List.of(command), toRedis, toMemstone);
        }

        /** Sends to both without comparing (HELLO names the server and the connection). */
        void send(String... command) {
            toRedis.call(RawRespClient.toBytes(command));
            toMemstone.call(RawRespClient.toBytes(command));
        }

        /** MULTI, the commands, EXEC, each reply compared. */
        void transaction(String[]... queued) {
            check("multi");
            for (String[] command : queued) check(command);
            check("exec");
        }

        @Override
        public void close() {
            toRedis.close();
            toMemstone.close();
        }
    }

    private static String[] c(String... command) {
        return command;
    }

    @BeforeEach
    void connect() {
        first = new Client();
        other = new Client();
        first.check("flushall");
    }

    @AfterEach
    void disconnect() {
        first.close();
        other.close();
    }

    @Test
    void misplacedTransactionCommandsGetRedisErrorsWithoutFailingTheTransaction() {
        first.check("exec");
        first.check("discard");
        first.check("multi");
        first.check("multi");
        first.check("watch", "k");
        first.check("set", "k", "1");
        first.check("exec");
        first.check("get", "k");
        first.check("exec");
    }

    @Test
    void queuedCommandsRunInOrderAndARuntimeErrorDoesNotStopTheOthers() {
        first.transaction(c("set", "a", "x"), c("incr", "a"), c("lpush", "a", "1"), c("get", "a"),
                c("rpush", "l", "1", "2", "3"), c("lrange", "l", "0", "-1"), c("hset", "h", "f", "v"),
                c("hgetall", "h"), c("exists", "a", "nope"));
        first.check("get", "a");
        first.check("lrange", "l", "0", "-1");
    }

    @Test
    void gatewayCommandsInsideMultiAnswerInTheirPlaces() {
        first.transaction(c("ping"), c("set", "k", "v"), c("echo", "hello"), c("get", "k"), c("ping", "again"),
                c("unwatch"));
        first.check("multi");
        first.check("exec");
    }

    @Test
    void aCommandRefusedWhileQueuingAbortsExec() {
        first.transaction(c("set", "a", "1"), c("foobar", "x"), c("set", "b", "2"));
        first.check("mget", "a", "b");
        first.check("multi");
        first.check("set", "a");
        first.check("exec", "extra");
        first.check("exec");
        first.check("exists", "a");
        first.transaction(c("client", "nosuchsub"));
    }

    @Test
    void discardDropsTheQueueAndTheWatches() {
        first.check("set", "k", "1");
        first.check("watch", "k");
        first.check("multi");
        first.check("incr", "k");
        first.check("discard");
        first.check("get", "k");
        other.check("set", "k", "changed");
        first.transaction(c("incr", "k"));
        first.check("discard");
    }

    @Test
    void watchAbortsWhenAnotherClientChangesTheKey() {
        first.check("set", "k", "1");
        first.check("watch", "k", "unchanged");
        other.check("incr", "k");
        first.transaction(c("set", "k", "mine"));
        first.check("get", "k");
        first.check("multi", "");
        first.check("set", "k", "mine");
        first.check("exec");
        first.check("get", "k");
    }

    @Test
    void watchAbortsOnTheWatchersOwnChangeAndOnDeletion() {
        first.check("set", "k", "1");
        first.check("watch", "k");
        first.check("set", "k", "2");
        first.transaction(c("get", "k"));
        first.check("watch", "k");
        other.check("del", "k");
        first.transaction(c("set", "k", "3"));
        first.check("watch", "absent");
        other.check("set", "absent", "now");
        other.check("del", "absent");
        first.transaction(c("ping"));
    }

    @Test
    void unwatchAndExecForgetTheWatchedKeys() {
        first.check("set", "k", "1");
        first.check("watch", "k");
        first.check("unwatch");
        other.check("set", "k", "2");
        first.transaction(c("incr", "k"));
        first.check("watch", "k");
        first.transaction(c("incr", "k"));
        other.check("set", "k", "10");
        first.transaction(c("incr", "k"));
    }

    @Test
    void readsAndOtherKeysDoNotAbortAWatch() {
        first.check("set", "k", "1");
        first.check("watch", "k");
        other.check("get", "k");
        other.check("set", "elsewhere", "1");
        other.transaction(c("get", "k"));
        first.transaction(c("incr", "k"));
    }

    @Test
    void flushallAbortsTheWatchOfAnExistingKeyOnly() {
        first.check("set", "k", "1");
        first.check("watch", "k");
        other.check("flushall");
        first.transaction(c("ping"));
        first.check("watch", "never-existed");
        other.check("flushall");
        first.transaction(c("ping"));
    }

    @Test
    void scriptsRunInsideTransactionsAndTheirWritesAbortWatchers() {
        first.check("set", "k", "1");
        first.transaction(c("eval", "return redis.call('incr', KEYS[1])", "1", "k"), c("get", "k"));
        first.check("watch", "k");
        other.check("eval", "return redis.call('get', KEYS[1])", "1", "k");
        first.transaction(c("get", "k"));
        first.check("watch", "k");
        other.check("eval", "return redis.call('set', KEYS[1], 'x')", "1", "k");
        first.transaction(c("get", "k"));
    }

    @Test
    void resp3TransactionsConvertTheirRepliesAndAbortWithNull() {
        first.send("hello", "3");
        first.transaction(c("hset", "h", "f", "v"), c("hgetall", "h"), c("zadd", "z", "1.5", "m"),
                c("zscore", "z", "m"), c("sadd", "s", "a"), c("smembers", "s"), c("get", "nothing"));
        first.check("watch", "h");
        other.check("hset", "h", "g", "w");
        first.transaction(c("hgetall", "h"));
    }

    /**
     * Random commands of every type in transactions of random length, some discarded, some
     * watching a key that the other client may delete or read before EXEC.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void randomTransactionsOfMixedCommandsMatchRedis(long seed) {
        MixedCommands mixed = new MixedCommands(seed);
        Random r = new Random(seed);
        for (int n = 0; n < 300; n++) {
            List<String> command = mixed.next();
            if (LOOSE.contains(command.get(0))) {
                first.check(command.toArray(new String[0]));
                continue;
            }
            if (r.nextInt(4) == 0) {
                String watched = MixedCommands.keys().get(r.nextInt(MixedCommands.keys().size()));
                first.check("watch", watched);
                // A change, or none: a write that turns out to change nothing may abort here and not in Redis.
                switch (r.nextInt(3)) {
                    case 0 -> other.check("del", watched);
                    case 1 -> other.check("exists", watched);
                    default -> { }
                }
            }
            first.check("multi");
            first.check(command.toArray(new String[0]));
            for (int more = r.nextInt(6); more > 0; more--) {
                List<String> next = mixed.next();
                if (!LOOSE.contains(next.get(0))) first.check(next.toArray(new String[0]));
            }
            first.check(r.nextInt(10) == 0 ? "discard" : "exec");
        }
        for (List<String> read : MixedCommands.readAll()) first.check(read.toArray(new String[0]));
    }
}
