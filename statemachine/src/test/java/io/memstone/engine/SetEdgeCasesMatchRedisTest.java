package io.memstone.engine;

import static io.memstone.engine.EdgeCaseScripts.script;

import io.memstone.engine.EdgeCaseScripts.Script;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hand-written table of edge cases per set command, each a short script run on an empty
 * keyspace against redis-server and the engine: every reply must be byte-identical (sorted
 * where Redis leaves the order open). {@code #list KEY} puts a list at KEY. Random replies are
 * only checked where they are determined: missing keys, count 0, counts covering the set.
 */
class SetEdgeCasesMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    /** "sadd KEY from from+1 ... to-1" as one command line. */
    private static String saddRange(String key, int from, int to) {
        StringBuilder b = new StringBuilder("sadd " + key);
        for (int i = from; i < to; i++) b.append(' ').append(i);
        return b.toString();
    }

    private static final List<Script> SCRIPTS = List.of(
            script("counts at the 64-bit edges (issue 13 audit)",
                    "sadd s a b c", "srandmember s -9223372036854775808", "srandmember s 9223372036854775807",
                    "spop s -1", "spop s -9223372036854775808", "spop s 0", "sintercard 1 s limit -1",
                    "sintercard 1 s limit 9223372036854775807", "sintercard 9223372036854775807 s",
                    "sscan s 0 count 9223372036854775807", "sscan s 0 count -9223372036854775808",
                    "spop s 9223372036854775807", "exists s"),
            script("arity errors come from the command table",
                    "sadd k", "srem k", "scard", "scard a b", "sismember k", "smismember k", "smembers",
                    "smembers a b", "spop", "srandmember", "smove a b", "sinter", "sintercard 1", "sinterstore d",
                    "sunion", "sunionstore d", "sdiff", "sdiffstore d", "sscan k"),
            script("sadd counts new members and keeps binary and empty ones",
                    "sadd k a b a", "sadd k a", "sadd k \"\" \"x\\0y\" \"\\r\\n\"", "scard k", "smembers k",
                    "sismember k \"\"", "sismember k \"x\\0y\"", "sismember k x", "sadd k A", "scard k"),
            script("integers as string2ll reads them: no leading zeros, no plus, no -0",
                    "sadd k 1 01 +1 -0 0 \" 1\" 1.0 9223372036854775807 -9223372036854775808 9223372036854775808",
                    "scard k", "smembers k", "sismember k 1", "sismember k 01", "sismember k 9223372036854775808",
                    "srem k 01 1 -0", "smembers k"),
            script("intsets of every width answer in ascending order",
                    "sadd k 5 -3 100000 -100000 7", "smembers k", "sadd k 9223372036854775807 -9223372036854775808",
                    "smembers k", "sismember k 100000", "sismember k 32767", "srem k 100000 -3", "smembers k",
                    "sadd s 3 2 1", "smembers s", "sscan s 0", "sinter s", "sunion s k", "sdiff k s"),
            script("wrong types",
                    "#list l", "sadd l a", "srem l a", "scard l", "sismember l a", "smismember l a b", "smembers l",
                    "spop l", "spop l 2", "spop l 0", "spop l -1",
                    "srandmember l", "srandmember l 2", "srandmember l 0",
                    "srandmember l x", "srandmember l -9223372036854775808", "sscan l x", "sscan l 0 count 0",
                    "smove l s a", "sinter l", "sunion l", "sdiff l", "sintercard 1 l", "sscan l 0",
                    "set str v", "sadd str a", "type str", "type l"),
            script("missing keys",
                    "srem k a", "scard k", "sismember k a", "smismember k a b a", "smembers k", "spop k",
                    "spop k 3", "spop k 0", "srandmember k", "srandmember k 5", "srandmember k -5",
                    "srandmember k 0", "smove k d a", "exists d", "sinter k", "sunion k", "sdiff k",
                    "sintercard 1 k", "sscan k 0", "sscan k 0 count 0", "sscan k 0 foo", "sscan k x"),
            script("srem deletes the emptied set and stops there",
                    "sadd k a b", "srem k a x a", "srem k b c", "exists k", "sadd n 1 2", "srem n 1 2 3", "exists n",
                    "sadd t 1 ex", "expire t 100", "srem t 1", "ttl t"),
            script("smismember replies per argument, repeats included",
                    "sadd k a 1", "smismember k a b 1 a \"\"", "smismember k 01"),
            script("spop and srandmember without count, on a one-member set",
                    "sadd k x", "srandmember k", "srandmember k 1", "srandmember k -3", "spop k", "exists k",
                    "sadd n 7", "spop n", "spop n", "spop n 1"),
            script("spop count: parsing, zero, whole set, extra arguments",
                    "sadd k a b c 1", "spop k -1", "spop k abc", "spop k 1.5", "spop k 0", "scard k",
                    "spop k 9223372036854775807", "exists k", "spop k 1 2", "sadd k a", "spop k 1 2",
                    "sadd i 1 2 3", "spop i 3", "exists i", "sadd x 1 2", "set x v", "spop x 0"),
            script("srandmember count: parsing, zero, whole set",
                    "sadd k a b c", "srandmember k abc", "srandmember k -9223372036854775808",
                    "srandmember k -9223372036854775807x", "srandmember k 0", "srandmember k 3",
                    "srandmember k 100", "srandmember k 9223372036854775807", "srandmember k 1 2",
                    "sadd i 3 1 2", "srandmember i 5", "srandmember i 3"),
            script("smove: missing source, wrong types, same set, new destination",
                    "smove s d a", "#list l", "smove s l a", "sadd s a 1", "smove s l a", "smove l s a",
                    "smove s s a", "smove s s b", "smove s d b", "smove s d a", "smembers d", "smembers s",
                    "smove s d 1", "exists s", "smembers d", "sadd e x", "smove d e x", "smembers e",
                    "sadd t 5", "expire t 100", "sadd u 5", "smove t u 5", "exists t", "ttl u"),
            script("smove into an intset converts it when the member is not an integer",
                    "sadd a 1 2 x", "sadd b 3 4", "smove a b x", "smembers b", "smove a b 1", "smembers b",
                    "smembers a", "smove b c 3", "smembers c"),
            script("sinter and smembers",
                    "sadd a 1 2 3 x y", "sadd b 2 3 y z", "sadd c 3 y w", "sinter a b", "sinter a b c", "sinter a",
                    "sinter a a", "sinter a missing", "sinter missing a", "#list l", "sinter missing l",
                    "sinter a l", "smembers a", "sinter b a b"),
            script("sintercard: numkeys and LIMIT",
                    "sadd a 1 2 3 x y", "sadd b 2 3 y z", "sintercard 2 a b", "sintercard 1 a",
                    "sintercard 2 a b limit 2",
                    "sintercard 2 a b LIMIT 0", "sintercard 2 a b limit 100", "sintercard 2 a b limit -1",
                    "sintercard 2 a b limit x", "sintercard 2 a b limit", "sintercard 2 a b foo 1",
                    "sintercard 2 a b limit 1 limit 2", "sintercard 0 a", "sintercard -1 a", "sintercard x a",
                    "sintercard 3 a b", "sintercard 9223372036854775807 a", "sintercard 1 a b",
                    "sintercard 2 a missing", "#list l", "sintercard 2 missing l", "sintercard 1 l limit -1",
                    "sintercard 1 l limit x"),
            script("sinterstore overwrites any type, drops the TTL, deletes on empty",
                    "sadd a 1 2 x", "sadd b 2 x y", "set d v ex 100", "sinterstore d a b", "type d", "ttl d",
                    "smembers d", "sinterstore d a missing", "exists d", "#list l", "sinterstore l a b", "type l",
                    "sinterstore d a l", "exists d", "sinterstore a a b", "smembers a", "sinterstore e a", "smembers e",
                    "sadd z 9", "sinterstore z a", "smembers z"),
            script("sunion and sunionstore",
                    "sadd a 1 2 x", "sadd b 2 3 y", "sunion a b", "sunion a missing b", "sunion missing",
                    "#list l", "sunion a l", "sunion missing l", "sunionstore d a b", "smembers d",
                    "sunionstore d missing", "exists d", "set s v ex 100", "sunionstore s a", "type s", "ttl s",
                    "sunionstore a a b", "smembers a", "sunionstore i missing b", "smembers i", "sadd n 3 1 2",
                    "sunionstore m n", "smembers m", "sunionstore l a", "type l"),
            script("sdiff and sdiffstore",
                    "sadd a 1 2 3 x y", "sadd b 2 y", "sadd c 3", "sdiff a b", "sdiff a b c", "sdiff a missing",
                    "sdiff missing a", "sdiff a a", "sdiff a b a", "sdiff b a", "#list l", "sdiff a l",
                    "sdiff missing l",
                    "sdiffstore d a b", "smembers d", "sdiffstore d a a", "exists d", "sdiffstore d missing a",
                    "set s v ex 100", "sdiffstore s a b c", "type s", "ttl s", "smembers s", "sdiffstore a a b",
                    "smembers a", "sdiffstore l a", "type l"),
            script("sdiff between big and small sets picks either algorithm alike",
                    saddRange("big", 0, 300), "sadd small 5 7 x 299", "sdiff small big", "sdiff big small",
                    "sdiffstore d big small", "scard d", "sdiffstore d small big", "smembers d"),
            script("sscan: cursor and options",
                    "sadd k 3 1 2", "sscan k 0", "sscan k 0 count 1", "sscan k 0 match 1", "sscan k 0 match *",
                    "sscan k 0 MATCH [12] COUNT 5", "sscan k 0 count 0", "sscan k 0 count -1", "sscan k 0 count x",
                    "sscan k 0 count", "sscan k 0 match", "sscan k 0 type string", "sscan k 0 foo bar",
                    "sscan k x", "sscan k -1", "sscan k 18446744073709551616", "sscan k \"\"", "sscan k 1"),
            script("an intset of 512 members converts at the 513th, and never back",
                    saddRange("k", 0, 512), "scard k", "sismember k 511", "sscan k 0 match 51?", "sadd k 512",
                    "scard k", "sismember k 512", "srem k 512", "smembers k", "spop k 1000", "exists k",
                    saddRange("m", 0, 513), "scard m", "srandmember m 1000", "sintercard 1 m limit 100"),
            script("store results above 512 integers",
                    saddRange("a", 0, 400), saddRange("b", 300, 700), "sunionstore u a b", "scard u",
                    "sinterstore i a b", "scard i", "sdiffstore d a b", "scard d", "sdiffstore d b a", "scard d",
                    "sunion a b", "sinter a b", "sdiff b a"));

    @TestFactory
    Stream<DynamicTest> everyEdgeCaseRepliesLikeRedis() {
        return EdgeCaseScripts.tests(SCRIPTS, diff);
    }
}
