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
 * Seeded random sequences of GETEX, GETRANGE, SUBSTR, SETRANGE, APPEND, MSETNX and LCS over
 * the shared key space, with SET, INCR, DEL, EXPIRE, TYPE and RPUSH (for WRONGTYPE) mixed
 * in, against redis-server and the engine; every reply compared, then every key read in full.
 * GETEX's relative times are long, so the two servers' clocks cannot disagree on them.
 */
class StringExtrasRandomSequencesMatchRedisTest {
    private static final int COMMANDS_PER_SEED = 3000;
    private static final String[] VALUES = {"", "a", "ab", "abc", "hello", "ohmytext", "mynewtext", "12", "-5",
            "a\u0000b", "xyzzy"};

    @RegisterExtension
    static final Differential diff = new Differential();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32, 33})
    void randomStringCommandsReplyLikeRedis(long seed) {
        RandomCommands.run(diff, seed, COMMANDS_PER_SEED, r -> command(r));
        RandomCommands.readAll(diff, "type", "get");
    }

    private static List<String> command(Random r) {
        String k = key(r);
        switch (r.nextInt(20)) {
            case 0: case 1: return getex(r, k);
            case 2: case 3: return List.of(pick(r, "getrange", "substr"), k, index(r), index(r));
            case 4: case 5: return List.of("setrange", k, pick(r, "0", "1", "2", "5", "9", "-1", "x"), value(r));
            case 6: return List.of("append", k, value(r));
            case 7: return msetnx(r, k);
            case 8: case 9: return lcs(r, k);
            case 10: case 11: return List.of("set", k, value(r));
            case 12: return List.of(pick(r, "incr", "strlen"), k);
            case 13: return List.of(pick(r, "del", "exists"), k);
            case 14: return expire(r, k);
            case 15: return List.of("type", k);
            case 16: return List.of("ttl", k);
            case 17: return r.nextInt(3) == 0 ? List.of("rpush", k, "e") : List.of("persist", k);
            default: return List.of("get", k);
        }
    }

    private static String value(Random r) {
        return pick(r, VALUES);
    }

    private static String index(Random r) {
        return pick(r, "0", "1", "2", "-1", "-2", "-4", "3", "7", "100", "-100", "x", "-9223372036854775808");
    }

    /** GETEX with 0-2 options of every kind, valid and not. */
    private static List<String> getex(Random r, String k) {
        List<String> argv = new ArrayList<>(List.of("getex", k));
        for (int n = r.nextInt(3); n > 0; n--) {
            switch (r.nextInt(7)) {
                case 0: argv.addAll(List.of("ex", pick(r, "100", "200", "0", "x"))); break;
                case 1: argv.addAll(List.of("px", pick(r, "100000", "-1"))); break;
                case 2: argv.addAll(List.of("exat", pick(r, "1", "99999999999"))); break;
                case 3: argv.addAll(List.of("pxat", pick(r, "1", "99999999999000"))); break;
                case 4: argv.add("persist"); break;
                default: argv.add(pick(r, "nx", "keepttl", "EX", "foo"));
            }
        }
        return argv;
    }

    private static List<String> msetnx(Random r, String k) {
        List<String> argv = new ArrayList<>(List.of("msetnx", k, value(r)));
        for (int n = r.nextInt(3); n > 0; n--) argv.addAll(List.of(key(r), value(r)));
        if (r.nextInt(10) == 0) argv.add(key(r));
        return argv;
    }

    private static List<String> lcs(Random r, String k) {
        List<String> argv = new ArrayList<>(List.of("lcs", k, key(r)));
        for (int n = r.nextInt(4); n > 0; n--) {
            switch (r.nextInt(6)) {
                case 0: case 1: argv.add("idx"); break;
                case 2: argv.add("withmatchlen"); break;
                case 3: argv.addAll(List.of("minmatchlen", pick(r, "0", "1", "2", "-3", "x"))); break;
                case 4: argv.add("len"); break;
                default: argv.add("bad");
            }
        }
        return argv;
    }
}
