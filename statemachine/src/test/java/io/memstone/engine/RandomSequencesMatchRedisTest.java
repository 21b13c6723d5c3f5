package io.memstone.engine;

import static io.memstone.engine.RandomCommands.KEYS;
import static io.memstone.engine.RandomCommands.argv;
import static io.memstone.engine.RandomCommands.expire;
import static io.memstone.engine.RandomCommands.key;
import static io.memstone.engine.RandomCommands.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random command sequences over a small key space, run against redis-server and the
 * engine with every reply compared; reproducible from the seed in the failure message. TTLs
 * are long or already past, never about to expire, so the two clocks cannot disagree.
 * DBSIZE is left out: Redis' background expiry reaps expired keys on its own schedule.
 */
class RandomSequencesMatchRedisTest {
    private static final int COMMANDS_PER_SEED = 3000;
    private static final String[] VALUES = {"", "0", "1", "-1", "10", "007", " 1", "abc", "1.5", "3.0e3", "-0",
            "9223372036854775807", "-9223372036854775808", "0.1", "1e-5", "hello world"};
    private static final String[] PATTERNS = {"*", "k?", "k[0-2]", "k[^0]", "*1*", "k\\1", "[k", "??", ""};

    @RegisterExtension
    static final Differential diff = new Differential();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void randomStringAndKeyCommandsReplyLikeRedis(long seed) {
        diff.reset();
        Random r = new Random(seed);
        for (int i = 0; i < COMMANDS_PER_SEED; i++) {
            if (r.nextInt(200) == 0) {
                diff.listAt(key(r));
            } else {
                diff.check(argv(command(r)));
            }
        }
        diff.check("keys *");
        diff.check(argv(mgetAll()));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void randomListCommandsReplyLikeRedis(long seed) {
        RandomCommands.run(diff, seed, COMMANDS_PER_SEED, r -> listCommand(r));
        diff.check("keys *");
        for (String k : KEYS) diff.check("lrange " + k + " 0 -1");
    }

    /** Issue 15: the same commands, half of them run by a script, reply alike. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22})
    void randomStringKeyAndListCommandsRunByScriptsReplyLikeRedis(long seed) {
        RandomCommands.run(diff, seed, COMMANDS_PER_SEED,
                r -> RandomCommands.maybeInScript(r, r.nextBoolean() ? command(r) : listCommand(r)));
        diff.check("keys *");
        diff.check(argv(mgetAll()));
    }

    /**
     * List commands over the shared key space, with small element and index sets so pivots,
     * matches and out-of-range indexes are common, and a few string and key commands mixed
     * in for WRONGTYPE, deletion and expiry.
     */
    private static List<String> listCommand(Random r) {
        String k = key(r);
        switch (r.nextInt(24)) {
            case 0: case 1: return pushes(r, pick(r, "lpush", "rpush"), k);
            case 2: return pushes(r, pick(r, "lpushx", "rpushx"), k);
            case 3: case 4: return r.nextBoolean() ? List.of(pick(r, "lpop", "rpop"), k)
                    : List.of(pick(r, "lpop", "rpop"), k, pick(r, "0", "1", "2", "5", "-1", "abc"));
            case 5: return List.of("llen", k);
            case 6: case 7: return List.of("lrange", k, index(r), index(r));
            case 8: return List.of("lindex", k, index(r));
            case 9: return List.of("lset", k, index(r), element(r));
            case 10: return List.of("linsert", k, pick(r, "before", "AFTER", "middle"), element(r), element(r));
            case 11: return List.of("lrem", k, pick(r, "0", "1", "2", "-1", "-2", "x"), element(r));
            case 12: return List.of("ltrim", k, index(r), index(r));
            case 13: return lpos(r, k);
            case 14: return List.of("lmove", k, key(r), pick(r, "left", "right", "up"), pick(r, "LEFT", "right"));
            case 15: return List.of("rpoplpush", k, key(r));
            case 16: return r.nextBoolean() ? List.of("lmpop", "2", k, key(r), pick(r, "left", "right"))
                    : List.of("lmpop", "1", k, pick(r, "left", "right"), "count", pick(r, "1", "3", "0"));
            case 17: return List.of("type", k);
            case 18: return List.of("set", k, element(r));
            case 19: return List.of(pick(r, "del", "exists"), k);
            case 20: return expire(r, k);
            case 21: return List.of("ttl", k);
            case 22: return List.of("get", k);
            default: return List.of("append", k, element(r));
        }
    }

    private static List<String> pushes(Random r, String command, String k) {
        List<String> argv = new ArrayList<>(List.of(command, k));
        for (int n = 1 + r.nextInt(4); n > 0; n--) argv.add(element(r));
        return argv;
    }

    private static List<String> lpos(Random r, String k) {
        List<String> argv = new ArrayList<>(List.of("lpos", k, element(r)));
        for (int n = r.nextInt(4); n > 0; n--) {
            argv.add(pick(r, "rank", "count", "maxlen", "RANK", "foo"));
            argv.add(pick(r, "1", "2", "-1", "-3", "0", "10", "x"));
        }
        return argv;
    }

    private static String element(Random r) {
        return pick(r, "a", "b", "c", "", "1");
    }

    private static String index(Random r) {
        return pick(r, "0", "1", "2", "5", "-1", "-2", "-5", "100", "-100", "abc",
                "9223372036854775807", "-9223372036854775808");
    }

    private static List<String> command(Random r) {
        String k = key(r);
        switch (r.nextInt(27)) {
            case 0: return List.of("get", k);
            case 1: case 2: return set(r, k);
            case 3: return List.of("setnx", k, value(r));
            case 4: return List.of("setex", k, pick(r, "100", "1000", "0", "-1", "abc"), value(r));
            case 5: return List.of("psetex", k, pick(r, "100000", "0", "x"), value(r));
            case 6: return List.of("getset", k, value(r));
            case 7: return List.of("getdel", k);
            case 8: return List.of("mget", k, key(r), key(r));
            case 9: return r.nextBoolean() ? List.of("mset", k, value(r), key(r), value(r)) : List.of("mset", k, value(r), key(r));
            case 10: return List.of("append", k, value(r));
            case 11: return List.of("strlen", k);
            case 12: return List.of(pick(r, "incr", "decr"), k);
            case 13: return List.of(pick(r, "incrby", "decrby"), k, pick(r, VALUES));
            case 14: return List.of("incrbyfloat", k, pick(r, "0.1", "-0.2", "1.5", "3.0e3", "1e-5", "10", "abc", "inf", "0"));
            case 15: return List.of(pick(r, "del", "unlink"), k, key(r));
            case 16: return List.of("exists", k, key(r), k);
            case 17: return List.of("type", k);
            case 18: case 19: return expire(r, k);
            case 20: return List.of("ttl", k);
            case 21: return List.of("pttl", k);
            case 22: return List.of("persist", k);
            case 23: return List.of("keys", pick(r, PATTERNS));
            case 24: return List.of("set", k, value(r), "get");
            case 25: return List.of("incrby", k, Long.toString(r.nextLong() >> r.nextInt(64)));
            default: return List.of("set", k, Long.toString(r.nextLong() >> r.nextInt(64)));
        }
    }

    /** SET with 0-3 options drawn from every kind, including invalid combinations. */
    private static List<String> set(Random r, String k) {
        List<String> argv = new ArrayList<>(List.of("set", k, value(r)));
        for (int n = r.nextInt(4); n > 0; n--) {
            switch (r.nextInt(9)) {
                case 0: argv.add("nx"); break;
                case 1: argv.add("xx"); break;
                case 2: argv.add("get"); break;
                case 3: argv.add("keepttl"); break;
                case 4: argv.addAll(List.of("ex", pick(r, "100", "200", "0", "-5", "x"))); break;
                case 5: argv.addAll(List.of("px", pick(r, "100000", "300000", "0"))); break;
                case 6: argv.addAll(List.of("exat", pick(r, "1", "99999999999"))); break;
                case 7: argv.addAll(List.of("pxat", pick(r, "1", "99999999999000"))); break;
                default: argv.add(pick(r, "EX", "foo"));
            }
        }
        return argv;
    }

    private static List<String> mgetAll() {
        List<String> argv = new ArrayList<>(List.of("mget"));
        argv.addAll(List.of(KEYS));
        return argv;
    }

    private static String value(Random r) {
        return pick(r, VALUES);
    }
}
