package io.memstone.engine;

import static io.memstone.engine.EdgeCaseScripts.script;

import java.util.ArrayList;
import io.memstone.engine.EdgeCaseScripts.Script;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hand-written table of hash edge cases, each a short script run on an empty keyspace
 * against redis-server and the engine: every reply must be byte-identical. {@code #list KEY}
 * puts a list at KEY (for WRONGTYPE cases). HGETALL, HKEYS and HVALS are compared sorted; the
 * order of a small (listpack) hash is checked through HSCAN and HRANDFIELD with a count
 * covering the hash, which both reply it in Redis' order.
 */
class HashEdgeCasesMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    private static final String LONG_64 = "x".repeat(64);
    private static final String LONG_65 = "y".repeat(65);

    private static final List<Script> SCRIPTS = List.of(
            script("hrandfield counts at the 64-bit edges (issue 13 audit)",
                    "hset h a 1", "hrandfield h -9223372036854775808", "hrandfield h -9223372036854775807 withvalues",
                    "hrandfield h -4611686018427387904 withvalues", "hrandfield h 9223372036854775807",
                    "hrandfield h 9223372036854775807 withvalues", "hrandfield h -3", "hrandfield h -2 withvalues",
                    "hscan h 0 count 9223372036854775807", "hscan h 18446744073709551615"),
            script("arity errors, including HSET and HMSET with an unpaired field",
                    "hset", "hset h", "hset h f", "hset h f v g", "hmset h f", "hmset h f v g", "exists h",
                    "hsetnx h f", "hget h", "hget h f x", "hmget h", "hdel h", "hlen", "hlen h x", "hstrlen h",
                    "hexists h", "hkeys", "hvals h x", "hgetall", "hincrby h f", "hincrbyfloat h f 1 2",
                    "hrandfield", "hscan h", "HSET h f v g"),
            script("missing keys read as empty hashes",
                    "hget h f", "hmget h a b", "hdel h f", "hlen h", "hstrlen h f", "hexists h f", "hkeys h",
                    "hvals h", "hgetall h", "hrandfield h", "hrandfield h 5", "hrandfield h -5 withvalues",
                    "hrandfield h 0", "hscan h 0", "hscan h 0 count 0", "hscan h 0 foo", "hscan h abc", "exists h"),
            script("every command on a list or a string is WRONGTYPE",
                    "#list l", "hset l f v", "hmset l f v", "hsetnx l f v", "hget l f", "hmget l f", "hdel l f",
                    "hlen l", "hstrlen l f", "hexists l f", "hkeys l", "hvals l", "hgetall l", "hincrby l f 1",
                    "hincrbyfloat l f 1", "hrandfield l", "hrandfield l 3", "hrandfield l 3 withvalues",
                    "hscan l 0", "hscan l 0 count 0", "set s v", "hset s f v", "hget s f", "hincrby s f x",
                    "hscan s abc", "hrandfield s abc", "type l", "type s"),
            script("hset and hmset replies, updates keep their place, new fields go last",
                    "hset h a 1 b 2 c 3", "hset h b 20 d 4", "hset h a 1 a 2", "hmset h e 5 b 6", "hscan h 0",
                    "hrandfield h 10 withvalues", "hgetall h", "hkeys h", "hvals h", "hlen h", "type h"),
            script("hdel removes in place and deletes an emptied hash",
                    "hset h a 1 b 2 c 3 d 4", "hdel h b", "hset h b 5", "hscan h 0", "hdel h a a x", "hscan h 0",
                    "hdel h x y", "hdel h c d b", "exists h", "hdel h c", "hlen h"),
            script("hsetnx creates only new fields",
                    "hsetnx h f v", "hsetnx h f w", "hget h f", "hsetnx h g \"\"", "hscan h 0",
                    "hsetnx h " + LONG_65 + " v", "hlen h", "hget h " + LONG_65),
            script("hget, hmget, hstrlen and hexists",
                    "hset h a 1 b \"\" c hello", "hget h a", "hget h b", "hget h z", "hmget h a z b c a",
                    "hstrlen h c", "hstrlen h b", "hstrlen h z", "hexists h b", "hexists h z",
                    "hset h n -9223372036854775808", "hstrlen h n", "hget h n"),
            script("binary and empty fields and values",
                    "hset h \"\" \"\"", "hget h \"\"", "hstrlen h \"\"", "hexists h \"\"",
                    "hset h \"a\\0b\" \"x\\0y\\r\\n\"", "hget h \"a\\0b\"", "hget h a", "hexists h \"a\\0b\"",
                    "hstrlen h \"a\\0b\"", "hscan h 0", "hscan h 0 match a*", "hdel h \"\"", "hscan h 0"),
            script("hincrby parses strictly and detects overflow",
                    "hincrby h f 5", "hincrby h f -10", "hincrby h f abc", "hincrby h f 9223372036854775808",
                    "hincrby h f 1.5", "hincrby h f \"\"", "hset h s abc", "hincrby h s 1",
                    "hset h big 9223372036854775807", "hincrby h big 1", "hincrby h big 0", "hincrby h big -1",
                    "hset h neg -9223372036854775808", "hincrby h neg -1", "hincrby h neg 9223372036854775807",
                    "hset h sp \" 1\"", "hincrby h sp 1", "hset h z 007", "hincrby h z 1", "hset h e \"\"",
                    "hincrby h e 1", "hset h m -0", "hincrby h m 1", "hset h fl 1.0", "hincrby h fl 1",
                    "hincrby n f abc", "exists n", "hincrby n f 0", "hgetall n", "hscan h 0"),
            script("hincrbyfloat formats like Redis' long doubles",
                    "hincrbyfloat h f 10.5", "hincrbyfloat h f 0.1", "hincrbyfloat h g 0.1", "hincrbyfloat h g 0.2",
                    "hincrbyfloat h f -10.6", "hincrbyfloat h f 5.0e3", "hincrbyfloat h f 0x10", "hincrbyfloat h f 1e-5",
                    "hincrbyfloat h f inf", "hincrbyfloat h f -inf", "hincrbyfloat h f nan", "hincrbyfloat h f abc",
                    "hincrbyfloat h f \"\"", "hincrbyfloat h f \" 1\"", "hset h s abc", "hincrbyfloat h s 1",
                    "hset h i inf", "hincrbyfloat h i 1", "hset h n 12", "hincrbyfloat h n 0.5", "hset h e \"\"",
                    "hincrbyfloat h e 1", "hincrbyfloat h x 1e4000", "hincrbyfloat h x 1e4932", "hget h x",
                    "hincrbyfloat h y -0.0", "hgetall h", "hincrbyfloat n f inf", "exists n"),
            script("hincrbyfloat with a huge result moves the hash out of listpack",
                    "hset h a 1 b 2", "hincrbyfloat h b 1e100", "hstrlen h b", "hset h c 3", "hgetall h", "hlen h"),
            script("hrandfield count, WITHVALUES and their errors",
                    "hset h a 1 b 2 c 3", "hrandfield h 0", "hrandfield h 3", "hrandfield h 4 withvalues",
                    "hrandfield h 100 WITHVALUES", "hrandfield h 9223372036854775807",
                    "hrandfield h -9223372036854775808", "hrandfield h -9223372036854775808 withvalues",
                    "hrandfield h 4611686018427387904 withvalues", "hrandfield h 4611686018427387903 withvalues",
                    "hrandfield h -4611686018427387904 withvalues", "hrandfield h 9223372036854775808",
                    "hrandfield h abc", "hrandfield h 1.5", "hrandfield h 3 withvalue", "hrandfield h 3 withvalues x",
                    "hrandfield h abc withvalues", "hrandfield h 3 \"withvalues\\0junk\"", "hrandfield h 0 withvalues",
                    "hrandfield m 3 foo", "hrandfield m abc"),
            script("hrandfield on a one-field hash is determined",
                    "hset h f v", "hrandfield h", "hrandfield h 1", "hrandfield h -3", "hrandfield h -2 withvalues",
                    "hrandfield h 1 withvalues", "hrandfield h 2 withvalues"),
            script("hscan options and cursors on a listpack hash",
                    "hset h a 1 b 2 c 3 ab 4", "hscan h 0", "hscan h 0 match a*", "hscan h 0 MATCH a* COUNT 1",
                    "hscan h 0 match * count 1000", "hscan h 0 count 0", "hscan h 0 count -1", "hscan h 0 count abc",
                    "hscan h 0 match", "hscan h 0 type string", "hscan h -1", "hscan h 18446744073709551615",
                    "hscan h 18446744073709551616", "hscan h abc", "hscan h 5", "hscan h 0 match \"\"",
                    "hscan h \"\"", "hscan h +3", "hscan h 0 match a* match b*"),
            script("hash keys keep their TTL through writes and lose it when emptied",
                    "hset h f v", "expire h 100", "hset h g w", "hincrby h n 1", "ttl h", "hdel h f g n",
                    "exists h", "ttl h", "hset h f v", "ttl h", "set t v ex 100", "del t", "hset t f v", "ttl t"),
            script("a 64-byte field or value stays in listpack, 65 bytes converts",
                    "hset h a 1 " + LONG_64 + " " + LONG_64 + " b 2", "hscan h 0", "hrandfield h 10",
                    "hset h c " + LONG_65, "hlen h", "hget h c", "hkeys h", "hdel h c", "hgetall h", "hstrlen h " + LONG_64),
            script("512 fields stay in listpack (7.0's default, not 128), the 513th converts",
                    fill("h", 0, 129), "hscan h 0 match f12?", fill("h", 129, 512), "hlen h", "hscan h 0 count 1",
                    "hrandfield h 600 withvalues", "hset h f0 new", "hscan h 0 match f12?", fill("h", 512, 513),
                    "hlen h", "hget h f512",
                    "hget h f0", "hgetall h", "hvals h", "hdel h f1 f2 f3", "hlen h", "hexists h f2",
                    "hincrby h f100 5", "hmget h f4 f100 nope"));

    /** HSET of fields f{from}..f{to-1}, each with value v{i}. */
    private static String fill(String key, int from, int to) {
        List<String> words = new ArrayList<>(List.of("hset", key));
        for (int i = from; i < to; i++) words.addAll(List.of("f" + i, "v" + i));
        return String.join(" ", words);
    }

    @TestFactory
    Stream<DynamicTest> everyHashEdgeCaseRepliesLikeRedis() {
        return EdgeCaseScripts.tests(SCRIPTS, diff);
    }
}
