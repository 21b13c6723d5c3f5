package io.memstone.engine;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sorted-set edge cases, each a short script run on an empty keyspace against redis-server
 * and the engine: every reply must be byte-identical. {@code #list KEY} puts a list at KEY
 * (for WRONGTYPE cases); {@code #big KEY N} fills KEY with N members (the skiplist encoding
 * past 128).
 */
class ZSetEdgeCasesMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    private record Script(String name, List<String> lines) {}

    private static Script script(String name, String... lines) {
        return new Script(name, Arrays.asList(lines));
    }

    private static final List<Script> SCRIPTS = List.of(
            script("arity errors come from the command table",
                    "zadd k", "zadd k 1", "zincrby k 1", "zrem k", "zcard", "zscore k", "zmscore k", "zrank k",
                    "zrank k a withscore", "zrevrank k a withscore", "zcount k 1", "zlexcount k -", "zrange k 0",
                    "zrangestore d k 0", "zrangebyscore k 0", "zrangebylex k -", "zrevrange k 0",
                    "zremrangebyrank k 0", "zpopmin", "zmpop 1", "zrandmember", "zunion", "zinterstore d",
                    "zdiff", "zintercard", "zscan k"),
            script("zadd options and their incompatible combinations",
                    "zadd k 1", "zadd k 1 a 2", "zadd k nx xx 1 a", "zadd k gt lt 1 a", "zadd k nx gt 1 a",
                    "zadd k nx lt 1 a", "zadd k incr 1 a 2 b", "zadd k ch", "zadd k xx", "zadd k foo 1 a",
                    "zadd k 1 a", "zadd k nx 2 a 3 b", "zrange k 0 -1 withscores", "zadd k xx 5 a 6 c",
                    "zrange k 0 -1 withscores", "zadd k ch 1 a 3 b 7 d", "zadd k gt ch 0 a 10 b 9 e",
                    "zadd k lt ch 100 a -1 b", "zrange k 0 -1 withscores", "zadd k xx gt 50 a", "zadd k XX GT CH 60 a",
                    "zadd k NX CH 1 a 1 z", "zadd x xx 1 a", "exists x", "zadd x gt 1 a", "zrange x 0 -1 withscores",
                    "zadd k \"nx\\0junk\" 1 q", "zadd k 1 a 1 a 2 a", "zscore k a"),
            script("zadd and zincrby scores: parsing, NaN and formatting",
                    "zadd k abc a", "zadd k \"\" a", "zadd k \" 1\" a", "zadd k \"1 \" a", "zadd k nan a",
                    "zadd k 1e400 a", "zadd k 1e-400 a", "zadd k 0x10 a", "zadd k 1e-320 b", "zadd k inf c",
                    "zadd k -Infinity d", "zadd k +1.5 e", "zadd k .5 f", "zadd k 5. g", "zadd k \"1\\0\" h",
                    "zadd k 0.1 i", "zadd k 1e20 j", "zadd k -0 l", "zadd k 123456789012345678 m", "zadd k 1e-5 n",
                    "zadd k 0.0001 o", "zadd k 1e16 p", "zadd k 1e17 q", "zadd k 3.0e3 r", "zadd k 0x1p-3 s",
                    "zadd k 1.7976931348623157e308 t", "zadd k 4.9e-324 u",
                    "zrange k 0 -1 withscores", "zscore k i", "zmscore k a i j missing",
                    "zincrby k 1 c", "zincrby k -inf c", "zincrby k inf d", "zincrby k 1 new", "zincrby k abc new",
                    "zincrby k nan new", "zadd k incr -inf c", "zadd k incr 1 c", "zadd k incr nx 1 c",
                    "zadd k incr xx 1 nope", "zadd k incr gt -1 i", "zadd k incr lt -1 i", "zscore k i",
                    "zincrby k 0.2 i", "zincrby k nx a"),
            script("missing keys and wrong types",
                    "zcard k", "zscore k a", "zmscore k a b", "zrank k a", "zrevrank k a", "zcount k 0 1",
                    "zlexcount k - +", "zrange k 0 -1", "zrangebyscore k 0 1", "zrangebylex k - +", "zrem k a",
                    "zremrangebyrank k 0 -1", "zremrangebyscore k 0 1", "zremrangebylex k - +", "zpopmin k",
                    "zpopmax k 3", "zmpop 1 k min", "zrandmember k", "zrandmember k 3", "zrandmember k -3 withscores",
                    "zscan k 0", "zrangestore d k 0 -1", "zunion 1 k", "zinter 2 k j", "zdiff 1 k", "zintercard 1 k",
                    "#list l", "zadd l 1 a", "zincrby l 1 a", "zcard l", "zscore l a", "zmscore l a", "zrank l a",
                    "zrem l a", "zcount l 0 1", "zlexcount l - +", "zrange l 0 1", "zrangebyscore l 0 1",
                    "zrangestore d l 0 1", "zremrangebyrank l 0 1", "zpopmin l", "zmpop 1 l max", "zrandmember l",
                    "zrandmember l 2", "zscan l 0", "zunion 2 k l", "zunionstore d 1 l", "zdiff 2 k l",
                    "zintercard 1 l", "set s v", "zadd s 1 a", "zrange s 0 -1", "zcount l x y", "zrange l 0 x",
                    "zrandmember l 0", "zrandmember l x"),
            script("zrem deletes an emptied key",
                    "zadd k 1 a 2 b", "zrem k a a c", "zrem k b c", "exists k", "zadd k 1 a", "expire k 100",
                    "zadd k 2 b", "ttl k", "zrem k a b", "exists k", "zadd k 1 \"\"", "zrem k \"\"", "exists k"),
            script("zrank, zrevrank and ties ordered by member bytes",
                    "zadd k 1 b 1 a 1 ab 1 \"\" 0 z 2 A 1 \"a\\0\" 1 \"\\xff\"", "zrange k 0 -1 withscores",
                    "zrank k a", "zrank k ab", "zrank k \"\"", "zrevrank k z", "zrevrank k A", "zrank k nope",
                    "zrevrank k nope", "zrank k \"a\\0\""),
            script("zrange by rank: negative, clamped and huge indexes",
                    "zadd k 1 a 2 b 3 c 4 d 5 e", "zrange k 0 -1", "zrange k -2 -1 withscores", "zrange k 2 1",
                    "zrange k -100 100", "zrange k 5 10", "zrange k 4 4", "zrange k -9223372036854775808 9223372036854775807",
                    "zrange k 0 abc", "zrange k 1.5 2", "zrange k 0 -1 rev", "zrange k 1 2 rev withscores",
                    "zrange k 0 -1 REV REV", "zrevrange k 0 1", "zrevrange k 0 1 withscores", "zrevrange k 0 -1 rev",
                    "zrevrange k 0 -1 limit 0 1", "zrevrange k 0 -1 limit 0 -1", "zrange k 0 -1 limit 0 2",
                    "zrange k 0 -1 limit 0 -1", "zrange k 0 -1 foo", "zrange k 0 -1 withscores withscores",
                    "zrange k 0 -1 limit 1", "zrange k 0 -1 limit x 1", "zrange k 0 -1 byscore bylex",
                    "zrange k a b bylex withscores", "zrange k 0 -1 \"withscores\\0x\""),
            script("zrange by score: exclusive, infinite and invalid bounds, LIMIT",
                    "zadd k 1 a 2 b 3 c 4 d 5 e -inf m inf p", "zrange k -inf +inf byscore withscores",
                    "zrangebyscore k (1 3", "zrangebyscore k (1 (3", "zrangebyscore k 1 (1", "zrangebyscore k 3 1",
                    "zrangebyscore k ( 3", "zrangebyscore k \"\" 3", "zrangebyscore k -inf (inf",
                    "zrangebyscore k \" 2\" 3", "zrangebyscore k \"2\\0x\" 3", "zrangebyscore k 2x 3",
                    "zrangebyscore k nan 3", "zrangebyscore k ((1 3", "zrangebyscore k 1e400 inf",
                    "zrangebyscore k 0x2 3", "zrangebyscore k -inf inf limit 1 2", "zrangebyscore k -inf inf limit 1 -1",
                    "zrangebyscore k -inf inf limit -1 2", "zrangebyscore k -inf inf limit 0 0",
                    "zrangebyscore k -inf inf limit 6 5", "zrangebyscore k -inf inf limit 7 5",
                    "zrangebyscore k -inf inf limit 2 9223372036854775807 withscores",
                    "zrangebyscore k -inf inf limit 9223372036854775807 1", "zrevrangebyscore k 3 1",
                    "zrevrangebyscore k (3 (1 withscores", "zrevrangebyscore k inf -inf limit 1 2",
                    "zrevrangebyscore k 1 3", "zrange k 4 2 byscore rev", "zrange k 2 4 byscore rev",
                    "zrange k (1 inf byscore limit 1 2 withscores", "zrange k (1 inf byscore rev limit 1 2",
                    "zrangebyscore k 0 1 rev", "zrangebyscore k 0 1 bylex", "zcount k (1 3", "zcount k -inf inf",
                    "zcount k 3 1", "zcount k x 1", "zcount k 1 (", "zcount k (5 (5", "zcount k 5 5"),
            script("zrange by lex",
                    "zadd k 0 a 0 b 0 c 0 d 0 \"\" 0 ab", "zrangebylex k - +", "zrangebylex k [a (c",
                    "zrangebylex k (a [c", "zrangebylex k + -", "zrangebylex k - (", "zrangebylex k [ +",
                    "zrangebylex k a +", "zrangebylex k - +x", "zrangebylex k \"\" +", "zrangebylex k \"+\\0\" -",
                    "zrangebylex k - \"+\\0x\"", "zrangebylex k - + limit 1 2", "zrangebylex k - + limit 1 -1",
                    "zrangebylex k - + limit -1 1", "zrevrangebylex k + -", "zrevrangebylex k [c (a",
                    "zrevrangebylex k + - limit 1 2", "zrange k [b [d bylex", "zrange k [d [b bylex rev",
                    "zrange k - + bylex limit 0 3", "zrangebylex k - + withscores", "zlexcount k - +",
                    "zlexcount k [b (d", "zlexcount k (d [b", "zlexcount k x +", "zlexcount k - ",
                    "zremrangebylex k (a [c", "zrange k 0 -1", "zremrangebylex k - +", "exists k"),
            script("zrangestore",
                    "zadd src 1 a 2 b 3 c", "zrangestore dst src 0 -1", "zrange dst 0 -1 withscores",
                    "zrangestore dst src 1 1 rev", "zrange dst 0 -1 withscores", "zrangestore dst src (1 inf byscore limit 0 1",
                    "zrange dst 0 -1", "zrangestore dst src [b + bylex", "zrange dst 0 -1", "zrangestore dst src 5 6",
                    "exists dst", "set dst v", "zrangestore dst src 0 0", "type dst", "set dst v ex 100",
                    "zrangestore dst src 0 0", "ttl dst", "zrangestore dst missing 0 -1", "exists dst",
                    "zrangestore dst src 0 -1 withscores", "zrangestore src src 0 0", "zrange src 0 -1 withscores",
                    "#list l", "zrangestore dst l 0 -1", "zrangestore l src 0 -1", "type l"),
            script("zremrangebyrank and zremrangebyscore",
                    "zadd k 1 a 2 b 3 c 4 d 5 e", "zremrangebyrank k 1 2", "zrange k 0 -1", "zremrangebyrank k 5 10",
                    "zremrangebyrank k -1 -1", "zremrangebyrank k x 1", "zremrangebyrank k 2 1",
                    "zrange k 0 -1", "zremrangebyscore k (1 5", "zremrangebyscore k x 1", "zrange k 0 -1",
                    "zremrangebyscore k -inf inf", "exists k", "zadd k 1 a", "zremrangebyrank k 0 -1", "exists k"),
            script("zpopmin, zpopmax and zmpop",
                    "zadd k 1 a 2 b 3 c 4 d", "zpopmin k", "zpopmax k", "zpopmin k 0", "zpopmin k -1", "zpopmin k x",
                    "zpopmin k 1 2", "zpopmax k 10", "exists k", "zpopmin k 1", "zadd k 1 a 2 b 3 c",
                    "zmpop 1 k min", "zmpop 2 x k max count 5", "exists k", "zmpop 1 k min", "zmpop 0 k min",
                    "zmpop -1 k min", "zmpop x k min", "zmpop 3 k min", "zmpop 1 k", "zmpop 1 k up",
                    "zmpop 1 k min count 0", "zmpop 1 k min count -1", "zmpop 1 k min count x",
                    "zmpop 1 k min count 1 count 1", "zmpop 1 k min foo", "zmpop 1 k min count",
                    "zmpop 9223372036854775807 k min", "#list l", "zmpop 2 x l min", "zadd z 5 q",
                    "zmpop 2 z l MAX COUNT 2", "zpopmax l", "zadd z 1 inf", "zpopmin z 9223372036854775807"),
            script("zrandmember with counts that cover the set, and its argument errors",
                    "zadd k 1 a 2 b 3 c", "zrandmember k 3", "zrandmember k 10 withscores", "zrandmember k 0",
                    "zrandmember k 3 WITHSCORES", "zrandmember k 3 foo", "zrandmember k 3 withscores x",
                    "zrandmember k -9223372036854775808", "zrandmember k 9223372036854775807 withscores",
                    "zrandmember k -4611686018427387904 withscores", "zrandmember k x", "zadd one 1 only",
                    "zrandmember one", "zrandmember one -3", "zrandmember one -2 withscores", "zrandmember one 1"),
            script("zscan of a small sorted set replies all at once",
                    "zadd k 1 a 2.5 b 0.1 c", "zscan k 0", "zscan k 0 match a", "zscan k 0 count 1",
                    "zscan k 0 match * count 100", "zscan k x", "zscan k 0 count 0", "zscan k 0 foo",
                    "zscan k 0 match", "zscan missing 0", "zscan k -1", "zscan k 0 type zset"),
            script("zunion and zunionstore with weights and aggregates",
                    "zadd a 1 x 2 y 3 z", "zadd b 10 y 20 z 30 w", "zunion 2 a b", "zunion 2 a b withscores",
                    "zunion 2 a b weights 2 3 withscores", "zunion 2 a b aggregate min withscores",
                    "zunion 2 a b aggregate max withscores", "zunion 2 a b weights 1 -1 aggregate sum withscores",
                    "zunion 2 a b weights 1", "zunion 2 a b weights 1 x", "zunion 2 a b weights 1 nan",
                    "zunion 2 a b aggregate avg", "zunion 2 a b aggregate", "zunion 2 a b foo", "zunion 0 a",
                    "zunion -1 a", "zunion x a", "zunion 3 a b", "zunion 2 a missing withscores",
                    "zunion 2 a a weights 1 2 withscores", "zunionstore d 2 a b", "zrange d 0 -1 withscores",
                    "zunionstore d 2 a b withscores", "zunionstore d 1 missing", "exists d", "zadd i 1 p inf q",
                    "zunion 2 i i weights 0 1 withscores", "zunion 2 i a weights -inf inf withscores",
                    "zunion 1 a weights 1 weights 2 withscores", "zunion 1 a aggregate min aggregate max withscores",
                    "set d v ex 100", "zunionstore d 1 a", "ttl d", "zunion 1 a WITHSCORES WITHSCORES",
                    "zunion 9223372036854775807 a", "zunion 1 a weights", "zunion 2 a b weights 1 1 1",
                    "zunionstore a 2 a b", "zrange a 0 -1 withscores"),
            script("zinter, zinterstore and zintercard",
                    "zadd a 1 x 2 y 3 z", "zadd b 10 y 20 z 30 w", "zinter 2 a b", "zinter 2 a b withscores",
                    "zinter 2 a b weights 2 0.5 aggregate max withscores", "zinter 2 a missing", "zinter 1 a withscores",
                    "zinterstore d 2 a b", "zrange d 0 -1 withscores", "zinterstore d 2 a missing", "exists d",
                    "zintercard 2 a b", "zintercard 2 a b limit 1", "zintercard 2 a b limit 0", "zintercard 2 a b limit -1",
                    "zintercard 2 a b limit x", "zintercard 2 a b weights 1 1", "zintercard 2 a b withscores",
                    "zintercard 0 a", "zintercard 3 a b", "zintercard 1 a aggregate sum", "zadd i -inf p inf q",
                    "zadd j inf p -inf q", "zinter 2 i j withscores", "zinter 2 i j aggregate min withscores",
                    "zinter 2 i j weights 0 1 aggregate max withscores", "zinter 2 i j weights 0 0 aggregate min withscores"),
            script("zdiff and zdiffstore",
                    "zadd a 1 x 2 y 3 z", "zadd b 10 y", "zdiff 2 a b", "zdiff 2 a b withscores", "zdiff 1 a withscores",
                    "zdiff 2 missing a", "zdiff 2 a a", "zdiff 2 a b weights 1 1", "zdiff 2 a b aggregate sum",
                    "zdiffstore d 2 a b", "zrange d 0 -1 withscores", "zdiffstore d 2 a a", "exists d", "zdiff 0 a",
                    "zdiffstore d 2 a b withscores"),
            script("past 128 members or a 65-byte member a sorted set is a skiplist, with the same replies",
                    "#big k 200", "zcard k", "zrange k 0 4 withscores", "zrange k -3 -1", "zrank k m150",
                    "zrevrank k m150", "zrangebyscore k (10 20 limit 2 3 withscores", "zrevrangebyscore k 50 (40",
                    "zcount k 100 (150", "zremrangebyrank k 0 9", "zremrangebyscore k 190 inf", "zcard k",
                    "zpopmin k 2", "zpopmax k", "zrandmember k 1000", "zadd k 15.5 m15", "zrange k 0 2 withscores",
                    "zunionstore u 1 k", "zcard u", "zinter 2 k u weights 1 2 aggregate min withscores",
                    "zdiffstore d 2 k u", "zremrangebyrank k 0 -1", "exists k",
                    "zadd long 1 a 2 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                    "zrange long 0 -1 withscores", "zrangebylex long - +", "zadd lex 0 a 0 b 0 c",
                    "zrangestore big long 0 -1", "zrange big 0 -1"),
            script("a skiplist keeps -0 scores, a listpack reads them back as 0",
                    "zadd small -0 z", "zscore small z", "zincrby small -0 z", "zadd small incr -0 z", "#big k 130",
                    "zadd k -0 z", "zscore k z", "zincrby k 0 z", "zscore k z", "zunion 1 small withscores",
                    "zunionstore u 1 small", "zscore u z", "zrangestore r k 0 -1", "zscore r z",
                    "zrangestore r k 0 5", "zscore r z", "zrange k -0 0 byscore withscores"),
            script("skiplist lex ranges and scores with equal values",
                    "#big k 150", "zadd z 0 a 0 b 0 c", "zunionstore z 2 z k weights 1 0", "zcard z",
                    "zrangebylex z [m1 [m2", "zlexcount z - +", "zlexcount z (m5 [m7", "zremrangebylex z [m1 (m2",
                    "zrangebylex z - + limit 0 5", "zrevrangebylex z + - limit 3 4", "zcard z"));

    @TestFactory
    Stream<DynamicTest> everyZSetEdgeCaseRepliesLikeRedis() {
        return SCRIPTS.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            diff.reset();
            for (String line : s.lines()) {
                if (line.startsWith("#list ")) {
                    diff.listAt(line.substring(6));
                } else if (line.startsWith("#big ")) {
                    String[] words = line.split(" ");
                    StringBuilder zadd = new StringBuilder("zadd " + words[1]);
                    for (int i = 0; i < Integer.parseInt(words[2]); i++) zadd.append(' ').append(i).append(" m").append(i);
                    diff.check(zadd.toString());
                } else {
                    diff.check(line);
                }
            }
        }));
    }
}
