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
 * Seeded random PFADD / PFCOUNT / PFMERGE sequences over the shared key space, compared with
 * redis-server reply by reply and, through GET, byte by byte. Most adds draw from a small pool
 * (so duplicates are common); a few add thousands of fresh elements at once, so HLLs cross
 * from sparse to dense in both PFADD and PFMERGE. APPEND corrupts an HLL now and then, SET
 * and list pushes give WRONGTYPE, DEL and EXPIRE remove keys.
 *
 * <p>Single-key PFCOUNT stores its cache in Redis. The first test runs it on the engine
 * through the log, where it stores the same bytes, so every GET matches exactly. The second
 * runs it on the engine's read path (as the gateway sends it), which stores nothing: replies
 * still match, and before a GET a logged PFCOUNT brings both caches up to date. That test
 * leaves out APPEND: an HLL corrupted after Redis cached its count still answers PFCOUNT
 * from the cache in Redis, while the engine, holding no cache, reports the corruption.
 */
class HyperLogLogRandomSequencesMatchRedisTest {
    private static final int COMMANDS_PER_SEED = 3000;
    private static final int CORRUPT = 13;

    @RegisterExtension
    static final Differential diff = new Differential();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void pfcountThroughTheLogKeepsEveryByteLikeRedis(long seed) {
        run(seed, true);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32})
    void pfcountOnTheReadPathRepliesLikeRedis(long seed) {
        run(seed, false);
    }

    private static void run(long seed, boolean countThroughLog) {
        diff.reset();
        Random r = new Random(seed);
        for (int i = 0; i < COMMANDS_PER_SEED; i++) {
            String k = key(r);
            int choice = r.nextInt(40);
            if (choice < 4) {
                count(k, countThroughLog);
            } else if (choice < 6) {
                if (!countThroughLog) diff.checkAsWrite("pfcount " + k);
                diff.check("get " + k);
            } else if (choice == 6) {
                diff.listAt(k);
            } else if (choice == CORRUPT && !countThroughLog) {
                diff.check("set " + k + " x"); // see the class comment
            } else {
                diff.check(argv(command(r, k, choice)));
            }
        }
        diff.check("keys *");
        for (String k : KEYS) {
            diff.checkAsWrite("pfcount " + k);
            diff.check("get " + k);
        }
    }

    private static void count(String k, boolean throughLog) {
        if (throughLog) diff.checkAsWrite("pfcount " + k);
        else diff.check("pfcount " + k);
    }

    private static List<String> command(Random r, String k, int choice) {
        switch (choice) {
            case 7: case 8: return keys(r, "pfcount", 2 + r.nextInt(3));
            case 9: case 10: case 11: return keys(r, "pfmerge", 1 + r.nextInt(4));
            case 12: return List.of("set", k, pick(r, "x", "HYLL", ""));
            case CORRUPT: return List.of("append", k, pick(r, "x", "\u0000"));
            case 14: return List.of("del", k);
            case 15: return expire(r, k);
            case 16: return List.of(pick(r, "type", "exists", "strlen"), k);
            case 17: return bulkAdd(r, k);
            default: return smallAdd(r, k);
        }
    }

    /** PFCOUNT or PFMERGE over n keys drawn with repeats. */
    private static List<String> keys(Random r, String command, int n) {
        List<String> argv = new ArrayList<>(List.of(command));
        for (int i = 0; i < n; i++) argv.add(key(r));
        return argv;
    }

    private static List<String> smallAdd(Random r, String k) {
        List<String> argv = new ArrayList<>(List.of("pfadd", k));
        for (int n = r.nextInt(6); n > 0; n--) argv.add("e" + r.nextInt(400));
        return argv;
    }

    /** Hundreds to thousands of fresh elements: enough to turn a sparse HLL dense. */
    private static List<String> bulkAdd(Random r, String k) {
        List<String> argv = new ArrayList<>(List.of("pfadd", k));
        String prefix = "b" + r.nextInt(1_000_000) + ":";
        for (int n = 100 + r.nextInt(3000); n > 0; n--) argv.add(prefix + n);
        return argv;
    }
}
