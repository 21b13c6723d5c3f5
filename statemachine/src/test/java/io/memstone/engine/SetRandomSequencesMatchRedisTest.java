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
 * Seeded random set command sequences over the shared key space, run against redis-server and
 * the engine with every reply compared; reproducible from the seed. Members mix integers and
 * strings so sets move between intset and hash table, and now and then a run of integers
 * pushes one past 512 members. SPOP and SRANDMEMBER appear only with counts whose reply is
 * determined (0, or more than any set holds).
 */
class SetRandomSequencesMatchRedisTest {
    private static final int COMMANDS_PER_SEED = 3000;
    private static final String[] MEMBERS = {"1", "2", "3", "10", "-5", "70000", "a", "b", "c", "", "01", "x y"};

    @RegisterExtension
    static final Differential diff = new Differential();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void randomSetCommandsReplyLikeRedis(long seed) {
        RandomCommands.run(diff, seed, COMMANDS_PER_SEED, r -> command(r));
        diff.check("keys *");
        for (String k : KEYS) {
            diff.check("type " + k);
            diff.check("scard " + k);
            diff.check("smembers " + k);
        }
    }

    private static List<String> command(Random r) {
        String k = key(r);
        switch (r.nextInt(26)) {
            case 0: case 1: case 2: return withMembers(r, List.of("sadd", k), 1 + r.nextInt(4));
            case 3: return r.nextInt(20) == 0 ? integerRun(r, k) : withMembers(r, List.of("sadd", k), 1);
            case 4: case 5: return withMembers(r, List.of("srem", k), 1 + r.nextInt(3));
            case 6: return List.of("scard", k);
            case 7: return List.of("sismember", k, member(r));
            case 8: return withMembers(r, List.of("smismember", k), 1 + r.nextInt(3));
            case 9: return List.of("smembers", k);
            case 10: return List.of("spop", k, pick(r, "0", "1000000", "-1", "x"));
            case 11: return List.of("srandmember", k, pick(r, "0", "1000000", "y"));
            case 12: return List.of("smove", k, key(r), member(r));
            case 13: return withKeys(r, List.of(pick(r, "sinter", "sunion", "sdiff")));
            case 14: case 15: return withKeys(r, List.of(pick(r, "sinterstore", "sunionstore", "sdiffstore"), k));
            case 16: return sintercard(r);
            case 17: return List.of("type", k);
            case 18: return List.of("set", k, member(r));
            case 19: return List.of(pick(r, "del", "exists"), k);
            case 20: return expire(r, k);
            case 21: return List.of("ttl", k);
            case 22: return List.of("sscan", k, pick(r, "x", "-"), "count", "5");
            default: return withMembers(r, List.of("sadd", k), 2);
        }
    }

    private static List<String> withMembers(Random r, List<String> head, int n) {
        List<String> argv = new ArrayList<>(head);
        for (int i = 0; i < n; i++) argv.add(member(r));
        return argv;
    }

    /** One to three keys, repeats allowed. */
    private static List<String> withKeys(Random r, List<String> head) {
        List<String> argv = new ArrayList<>(head);
        for (int n = 1 + r.nextInt(3); n > 0; n--) argv.add(key(r));
        return argv;
    }

    /** SINTERCARD with a right or wrong numkeys and sometimes a LIMIT. */
    private static List<String> sintercard(Random r) {
        int keys = 1 + r.nextInt(3);
        List<String> argv = new ArrayList<>(List.of("sintercard", pick(r, Integer.toString(keys),
                Integer.toString(keys), "0", "5")));
        for (int n = keys; n > 0; n--) argv.add(key(r));
        if (r.nextBoolean()) argv.addAll(List.of("limit", pick(r, "0", "1", "2", "-1")));
        return argv;
    }

    /** SADD of the integers from 0 to about 512: around the intset limit. */
    private static List<String> integerRun(Random r, String k) {
        List<String> argv = new ArrayList<>(List.of("sadd", k));
        for (int i = 490 + r.nextInt(40); i >= 0; i--) argv.add(Integer.toString(i));
        return argv;
    }

    private static String member(Random r) {
        return pick(r, MEMBERS);
    }
}
