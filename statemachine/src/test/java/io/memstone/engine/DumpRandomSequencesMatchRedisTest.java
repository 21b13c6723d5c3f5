package io.memstone.engine;

import static io.memstone.engine.RandomCommands.KEYS;
import static io.memstone.engine.RandomCommands.argv;
import static io.memstone.engine.RandomCommands.expire;
import static io.memstone.engine.RandomCommands.key;
import static io.memstone.engine.RandomCommands.pick;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random sequences of RESTOREs of redis-server's DUMP payloads (now and then corrupted),
 * with random TTLs and options, between string and list commands that build, change, expire
 * and delete the keys; every reply compared with redis-server, then every key read in full.
 */
class DumpRandomSequencesMatchRedisTest {
    private static final int COMMANDS_PER_SEED = 3000;
    private static final String[] VALUES = {"", "0", "-1", "127", "-32768", "2147483647", "2147483648", "007", "abc",
            "hello world", "9223372036854775807", "x".repeat(100), "abcd".repeat(50)};

    @RegisterExtension
    static final Differential diff = new Differential();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void randomRestoresReplyLikeRedis(long seed) {
        diff.reset();
        Random r = new Random(seed);
        for (int i = 0; i < COMMANDS_PER_SEED; i++) {
            if (r.nextInt(5) < 2) diff.check(restore(r));
            else diff.check(argv(command(r)));
        }
        for (String k : KEYS) {
            diff.check("type " + k);
            diff.check("get " + k);
            diff.check("lrange " + k + " 0 -1");
            diff.check("pttl " + k);
        }
    }

    private static List<String> command(Random r) {
        String k = key(r);
        switch (r.nextInt(10)) {
            case 0: case 1: return List.of("set", k, pick(r, VALUES));
            case 2: case 3: {
                List<String> push = new ArrayList<>(List.of(pick(r, "rpush", "lpush"), k));
                for (int n = r.nextInt(r.nextInt(10) == 0 ? 600 : 6) + 1; n > 0; n--) push.add(pick(r, VALUES));
                return push;
            }
            case 4: return List.of(pick(r, "lpop", "rpop"), k);
            case 5: return List.of("del", k);
            case 6: return expire(r, k);
            case 7: return List.of("type", k);
            case 8: return List.of("exists", k);
            default: return List.of(pick(r, "get", "llen", "ttl"), k);
        }
    }

    private static byte[][] restore(Random r) {
        byte[] payload = redisDump(key(r));
        if (payload == null || r.nextInt(10) == 0) {
            payload = payload == null ? "not a payload".getBytes(StandardCharsets.US_ASCII) : payload.clone();
            payload[r.nextInt(payload.length)] ^= (byte) (1 + r.nextInt(255));
        }
        boolean absolute = r.nextInt(4) == 0;
        String ttl = r.nextInt(8) == 0 ? pick(r, "-1", "abc", "")
                : absolute ? pick(r, "0", "1", "99999999999000") : pick(r, "0", "0", "1500000", "99999999");
        List<byte[]> args = new ArrayList<>(Arrays.asList(RandomCommands.argv(List.of("restore", key(r), ttl))));
        args.add(payload);
        List<String> options = new ArrayList<>();
        if (absolute) options.add("absttl");
        for (int n = r.nextInt(3); n > 0; n--) {
            options.add(pick(r, "replace", "replace", "REPLACE", "absttl", "idletime", "freq", "bad"));
            if (r.nextInt(3) > 0 && (options.get(options.size() - 1).equals("idletime")
                    || options.get(options.size() - 1).equals("freq"))) {
                options.add(pick(r, "0", "10", "255", "256", "-1", "x"));
            }
        }
        java.util.Collections.shuffle(options, r);
        args.addAll(Arrays.asList(RandomCommands.argv(options)));
        return args.toArray(new byte[0][]);
    }

    /** redis-server's DUMP of key, or null if it has none. */
    private static byte[] redisDump(String key) {
        byte[] reply = diff.redisOnly(RandomCommands.argv(List.of("dump", key)));
        if (reply[1] == '-') return null;
        int crlf = new String(reply, StandardCharsets.ISO_8859_1).indexOf("\r\n");
        return Arrays.copyOfRange(reply, crlf + 2, reply.length - 2);
    }
}
