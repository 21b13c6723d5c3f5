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
 * Seeded random sequences of bitmap commands over the shared key space, with string and key
 * commands mixed in (SET, APPEND, SETRANGE, DEL, EXPIRE, TYPE, RPUSH for WRONGTYPE), against
 * redis-server and the engine; every reply compared, then every key read in full.
 */
class BitmapRandomSequencesMatchRedisTest {
    private static final int COMMANDS_PER_SEED = 3000;

    @RegisterExtension
    static final Differential diff = new Differential();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void randomBitmapCommandsReplyLikeRedis(long seed) {
        RandomCommands.run(diff, seed, COMMANDS_PER_SEED, r -> command(r));
        RandomCommands.readAll(diff, "type", "get");
    }

    private static List<String> command(Random r) {
        String k = key(r);
        switch (r.nextInt(22)) {
            case 0: case 1: case 2: return List.of("setbit", k, bitOffset(r), pick(r, "0", "1", "1", "2", "x"));
            case 3: case 4: return List.of("getbit", k, bitOffset(r));
            case 5: case 6: return bitcount(r, k);
            case 7: case 8: return bitpos(r, k);
            case 9: return bitop(r);
            case 10: case 11: case 12: return bitfield(r, k, "bitfield");
            case 13: return bitfield(r, k, "bitfield_ro");
            case 14: return List.of("set", k, pick(r, "", "a", "foobar", "12", "-7", "\u00ff", "hello world"));
            case 15: return List.of("append", k, pick(r, "", "x", "ab", "9"));
            case 16: return List.of("setrange", k, pick(r, "0", "1", "3", "8"), pick(r, "", "z", "\u00f0"));
            case 17: return List.of(pick(r, "del", "exists", "strlen"), k);
            case 18: return expire(r, k);
            case 19: return List.of("type", k);
            case 20: return r.nextInt(4) == 0 ? List.of("rpush", k, "e") : List.of("ttl", k);
            default: return List.of("get", k);
        }
    }

    private static String bitOffset(Random r) {
        return r.nextInt(10) == 0 ? pick(r, "-1", "abc", "4294967296", "#1") : Integer.toString(r.nextInt(48));
    }

    private static String index(Random r) {
        return pick(r, "0", "1", "2", "3", "-1", "-2", "-3", "5", "7", "8", "15", "17", "-10", "100", "x");
    }

    private static List<String> bitcount(Random r, String k) {
        List<String> argv = new ArrayList<>(List.of("bitcount", k));
        if (r.nextInt(4) > 0) argv.addAll(List.of(index(r), index(r)));
        if (r.nextInt(3) == 0) argv.add(pick(r, "bit", "BYTE", "bits"));
        return argv;
    }

    private static List<String> bitpos(Random r, String k) {
        List<String> argv = new ArrayList<>(List.of("bitpos", k, pick(r, "0", "1", "1", "0", "2")));
        int extra = r.nextInt(5);
        if (extra > 0) argv.add(index(r));
        if (extra > 1) argv.add(index(r));
        if (extra > 2) argv.add(pick(r, "bit", "byte", "BIT", "foo"));
        return argv;
    }

    private static List<String> bitop(Random r) {
        String op = pick(r, "and", "or", "xor", "not", "NOT", "nand");
        List<String> argv = new ArrayList<>(List.of("bitop", op, key(r), key(r)));
        for (int n = op.equalsIgnoreCase("not") && r.nextInt(4) > 0 ? 0 : r.nextInt(3); n > 0; n--) argv.add(key(r));
        return argv;
    }

    /** 1-3 subcommands of every kind, with overflow policies, # offsets and a few bad arguments. */
    private static List<String> bitfield(Random r, String k, String command) {
        List<String> argv = new ArrayList<>(List.of(command, k));
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            String type = pick(r, "u1", "u4", "i4", "u8", "i8", "i16", "u31", "i63", "u63", "i64", "u64", "x8");
            String offset = r.nextInt(4) == 0 ? "#" + r.nextInt(6) : Integer.toString(r.nextInt(40));
            if (r.nextInt(30) == 0) offset = pick(r, "-1", "abc", "#x");
            switch (r.nextInt(5)) {
                case 0: argv.addAll(List.of("overflow", pick(r, "wrap", "sat", "fail", "FAIL", "bad"))); break;
                case 1: argv.addAll(List.of("get", type, offset)); break;
                case 2: argv.addAll(List.of("set", type, offset, value(r))); break;
                default: argv.addAll(List.of("incrby", type, offset, value(r)));
            }
        }
        return argv;
    }

    private static String value(Random r) {
        return r.nextInt(3) == 0 ? pick(r, "9223372036854775807", "-9223372036854775808", "x", "255", "-129")
                : Long.toString(r.nextInt(600) - 300);
    }
}
