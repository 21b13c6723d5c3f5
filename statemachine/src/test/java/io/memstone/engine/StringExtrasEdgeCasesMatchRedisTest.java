package io.memstone.engine;

import static io.memstone.engine.EdgeCaseScripts.script;

import io.memstone.engine.EdgeCaseScripts.Script;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Edge cases of GETEX, GETRANGE, SUBSTR, SETRANGE, MSETNX, LCS and of APPEND growing a string
 * in place: each script runs on an empty keyspace against redis-server and the engine, and
 * every reply must be byte-identical. {@code #list KEY} puts a list at KEY. The 512 MB limits are tested by the
 * offsets just past them: reaching them would allocate 512 MB on both sides.
 */
class StringExtrasEdgeCasesMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    private static final List<Script> SCRIPTS = List.of(
            script("arity errors come from the command table",
                    "getex", "getrange k 0", "substr k 0", "setrange k 0", "msetnx", "msetnx a", "msetnx a 1 b",
                    "lcs a", "getrange k 0 1 2", "setrange k 0 v x"),
            script("getex without options, with PERSIST and on missing or wrong keys",
                    "getex k", "getex k persist", "getex k ex abc", "getex k foo", "set k v ex 100", "getex k",
                    "ttl k", "getex k persist", "ttl k", "getex k PERSIST persist", "ttl k", "set n 12", "getex n",
                    "#list l", "getex l", "getex l ex 10", "getex l ex abc", "getex l foo"),
            script("getex expire options set the TTL",
                    "set k v", "getex k ex 100", "ttl k", "getex k px 200000", "pttl k", "getex k exat 99999999999",
                    "ttl k", "getex k pxat 99999999999000", "ttl k", "getex k EX 300 ex 300", "ttl k",
                    "getex k pxat 1", "exists k", "set k v", "getex k exat 1", "get k", "set k v", "getex k px 1",
                    "get k"),
            script("getex option errors",
                    "set k v", "getex k ex 0", "getex k ex -1", "getex k px 0", "getex k exat 0", "getex k pxat -5",
                    "getex k ex 9223372036854775807", "getex k px 9223372036854775807", "getex k ex 1.5",
                    "getex k ex", "getex k px", "getex k ex 10 px 10", "getex k ex 10 persist",
                    "getex k persist ex 10", "getex k exat 10 pxat 10", "getex k nx", "getex k xx", "getex k get",
                    "getex k keepttl", "getex k ex 10 keepttl", "getex k \"ex\\0\" 10", "getex k bogus 10", "ttl k"),
            script("getrange and substr clamp like Redis",
                    "getrange k 0 -1", "getrange k a b", "set k hello", "getrange k 0 -1", "getrange k 0 0",
                    "getrange k -1 -1", "getrange k -3 -1", "getrange k -1 -3", "getrange k 2 1", "getrange k 1 100",
                    "getrange k -100 100", "getrange k -100 -50", "getrange k 10 20", "getrange k 0 -100",
                    "getrange k -9223372036854775808 9223372036854775807", "getrange k 0 abc", "getrange k 1.5 2",
                    "substr k 1 3", "substr k -2 -1", "set e \"\"", "getrange e 0 -1", "getrange e 0 0",
                    "set n 12345", "getrange n 1 2", "set b \"a\\0b\\r\\n\"", "getrange b 1 3", "#list l",
                    "getrange l 0 1", "getrange l a 1", "substr l 0 1"),
            script("setrange writes, pads with zeros and reports the length",
                    "setrange k 0 hello", "get k", "setrange k 1 ipp", "get k", "setrange k 10 x", "get k",
                    "strlen k", "setrange k 0 \"\"", "setrange k 100 \"\"", "strlen k", "setrange m 5 \"\"",
                    "exists m", "setrange m 0 \"\"", "exists m", "setrange m 3 \"a\\0b\"", "get m",
                    "set n 123", "setrange n 1 9", "get n", "incr n", "set t v ex 100", "setrange t 2 w", "ttl t",
                    "get t", "set e \"\"", "setrange e 0 \"\"", "setrange e 2 x", "get e"),
            script("setrange offset errors and the size limit",
                    "setrange k -1 x", "setrange k abc x", "setrange k 1.5 x", "setrange k 9223372036854775808 x",
                    "setrange k 536870912 x", "setrange k 536870912 \"\"",
                    "setrange k 536870911 xy", "exists k", "set s v", "setrange s 536870912 x", "setrange s -1 x",
                    "#list l", "setrange l 0 x", "setrange l 0 \"\"", "setrange l -1 x", "setrange l 536870912 x",
                    "setrange l abc x"),
            script("setrange at offsets near 2^63 answers the size limit instead of overflowing (issue 13)",
                    "setrange k 9223372036854775807 A", "setrange k 9223372036854775806 AB", "exists k",
                    "set s v", "setrange s 9223372036854775807 A", "setrange s 9223372036854775807 \"\"",
                    "get s", "setrange s 4611686018427387904 A", "get s"),
            script("append grows a string in place and keeps its TTL",
                    "append k a", "append k bc", "setrange k 5 x", "append k yz", "get k", "strlen k",
                    "set n 10", "append n 5", "incr n", "append n \"\"", "get n", "set t v ex 100", "append t w",
                    "setrange t 0 W", "append t x", "get t", "ttl t", "getrange t 1 -1"),
            script("msetnx sets all keys or none",
                    "msetnx a 1 b 2", "mget a b", "msetnx a 3 c 4", "mget a b c", "msetnx c 5 c 6", "get c",
                    "msetnx d 1 e", "set t v ex 100", "del t", "msetnx t x", "ttl t", "#list l", "msetnx l v",
                    "msetnx z 1 l v", "exists z", "type l", "set x v pxat 1", "msetnx x fresh", "get x"),
            script("lcs returns the subsequence, its length or its ranges",
                    "lcs a b", "lcs a b len", "lcs a b idx", "set a ohmytext", "set b mynewtext", "lcs a b",
                    "lcs a b len", "lcs a b LEN", "lcs a b idx", "lcs a b idx withmatchlen", "lcs a b idx minmatchlen 4",
                    "lcs a b idx minmatchlen 4 withmatchlen", "lcs a b idx minmatchlen -5", "lcs a b minmatchlen 2",
                    "lcs a b withmatchlen", "lcs b a idx withmatchlen", "lcs a a idx", "lcs a missing",
                    "lcs missing a idx", "set c \"\"", "lcs a c idx", "set x aaaa", "set y aa", "lcs x y idx withmatchlen",
                    "lcs y x idx", "set p abcabc", "set q cbacba", "lcs p q", "lcs p q idx withmatchlen",
                    "set n 12345", "set m 2x4", "lcs n m idx"),
            script("lcs option errors and wrong types",
                    "set a abc", "set b abd", "lcs a b len idx", "lcs a b idx len", "lcs a b minmatchlen",
                    "lcs a b minmatchlen abc", "lcs a b idx minmatchlen 1.5", "lcs a b foo", "lcs a b idx foo",
                    "lcs a b \"idx\\0x\"", "#list l", "lcs a l", "lcs l a", "lcs l missing idx", "lcs l a foo"));

    @TestFactory
    Stream<DynamicTest> everyEdgeCaseRepliesLikeRedis() {
        return EdgeCaseScripts.tests(SCRIPTS, diff);
    }
}
