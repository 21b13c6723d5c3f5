package io.memstone.engine;

import static io.memstone.engine.EdgeCaseScripts.script;

import io.memstone.engine.EdgeCaseScripts.Script;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The blocking list and sorted-set commands where they do not wait, against redis-server 7.0:
 * argument and timeout errors, wrong types, pops from present keys in argument order. The
 * engine never waits (the gateway parks clients); a script that would wait in Redis uses a
 * timeout of a few ms, after which Redis answers the same null array the engine answers at once.
 * {@code #list KEY} puts a list at KEY.
 */
class BlockingEdgeCasesMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    private static final List<Script> SCRIPTS = List.of(
            script("arity errors come from the command table",
                    "blpop", "blpop k", "brpop k", "blmove a b left left", "brpoplpush a b", "blmpop 0 1",
                    "bzpopmin k", "bzpopmax", "bzmpop 0 1 k"),
            script("timeouts: floats, rounding up to whole ms, negative and invalid ones",
                    "rpush l a b c d e f g h", "blpop l 0", "blpop l 1.5", "brpop l 0.0001", "blpop l 1e3",
                    "blpop l 0x10", "blpop l -0", "blpop l abc", "blpop l \" 1\"", "blpop l \"1 \"", "blpop l nan",
                    "blpop l -1", "blpop l -0.0001", "blpop l inf", "blpop l -inf", "blpop l 1e300",
                    "blpop l 9223372036854775807", "blpop l \"\"", "blpop missing 0.001", "brpop missing 0.002",
                    "lrange l 0 -1"),
            script("the first non-empty list in argument order serves the pop",
                    "rpush b 1 2", "rpush c 3", "blpop a b c 0", "brpop a c b 0", "blpop a b c 0", "exists b c",
                    "blpop a b c 0.001", "rpush a x", "brpop c b a 0", "exists a"),
            script("wrong types answer WRONGTYPE from the key they meet first",
                    "set s v", "rpush l x y z", "blpop s l 0", "blpop l s 0", "blpop missing s 0", "brpop s 0",
                    "zadd z 1 m", "blpop z 0", "bzpopmin l 0", "bzpopmax s z 0", "bzpopmin z s 0",
                    "blmove s l left left 0", "rpush src a", "blmove src s left left 0", "lrange src 0 -1",
                    "brpoplpush src s 0", "blmpop 0 2 s l left", "bzmpop 0 2 s z min", "type s"),
            script("blmove and brpoplpush move at once from a present source",
                    "rpush a 1 2 3", "blmove a b left right 0", "blmove a b right left 0.5", "brpoplpush a b 0",
                    "lrange b 0 -1", "exists a", "blmove b b left right 0", "lrange b 0 -1",
                    "blmove b c up left 0", "blmove b c left down 0", "blmove b c left left abc",
                    "blmove b c left left -1", "brpoplpush b c -1", "brpoplpush b c x", "lrange c 0 -1"),
            script("blmpop checks numkeys, direction and count before the timeout",
                    "blmpop abc 0 k left", "blmpop -1 1 k left", "blmpop 1 1 k middle", "blmpop 0 0 k left",
                    "blmpop 0 2 k left", "blmpop 0 1 k left count 0", "blmpop 0 1 k left count -1",
                    "blmpop x 1 k left count 0", "blmpop 0 1 k left count 1 count 1", "blmpop 0 1 k left foo",
                    "rpush k 1 2 3 4", "blmpop 0 1 k left", "blmpop 0 2 a k right count 2", "blmpop 0 1 k LEFT COUNT 9",
                    "exists k", "blmpop 0.001 1 k left"),
            script("bzpopmin and bzpopmax pop the lowest and highest from the first non-empty set",
                    "zadd a 1 x 2 y 3 z", "zadd b 5 p", "bzpopmin missing a b 0", "bzpopmax a b 0",
                    "bzpopmax b a 0", "exists b", "bzpopmin b a 0", "zadd c 1.5 m inf n -inf o", "bzpopmin c 0",
                    "bzpopmax c 0", "bzpopmin c 0", "exists c", "bzpopmin a -1", "bzpopmin a x",
                    "bzpopmin missing 0.001", "bzpopmax missing other 0.001"),
            script("bzmpop checks its arguments like zmpop, then the timeout",
                    "bzmpop abc 0 k min", "bzmpop -1 1 k min", "bzmpop -1 1 k foo", "bzmpop 0 0 k min",
                    "bzmpop 0 2 k min", "bzmpop 0 1 k min count 0", "bzmpop 0 1 k max count x",
                    "zadd k 1 a 2 b 3 c", "bzmpop 0 1 k min", "bzmpop 0 2 x k max count 5", "exists k",
                    "bzmpop 0.001 1 k min"));

    @TestFactory
    Stream<DynamicTest> everyEdgeCaseRepliesLikeRedis() {
        return EdgeCaseScripts.tests(SCRIPTS, diff);
    }
}
