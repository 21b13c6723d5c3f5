package io.memstone.engine;

import io.memstone.engine.EdgeCaseScripts.Script;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hand-written table of stream edge cases, each a short script on an empty keyspace against
 * redis-server and the engine: every reply byte-identical. IDs are explicit, so replies do not
 * depend on the clock; {@code #list KEY} puts a list at KEY. A line starting {@code ~} is
 * compared with the values that differ by design blanked: Redis' radix tree node count, and
 * the times and idle times a consumer group records (compared on their properties in
 * StreamTimesTest).
 */
class StreamEdgeCasesMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    private static final List<Script> SCRIPTS = List.of(
            script("xadd replies with the ID it stored; IDs must grow",
                    "xadd s 1-1 f v", "xadd s 1-1 f v", "xadd s 1-0 f v", "xadd s 0-5 f v", "xadd s 1-2 a 1 b 2",
                    "xadd s 1 f v", "xadd s 2 f v", "xadd s 2-* f v", "xadd s 3-* f v", "xadd s 1-* f v",
                    "xlen s", "xrange s - +", "type s", "object encoding s"),
            script("xadd 0-0 and invalid IDs",
                    "xadd s 0-0 f v", "xadd s 0 f v", "xadd s 0-* f v", "xadd s 0-* f v", "xadd s - f v",
                    "xadd s + f v", "xadd s abc f v", "xadd s 1-x f v", "xadd s -1 f v", "xadd s 1-2-3 f v",
                    "xadd s 18446744073709551616 f v", "xadd s \" 5\" f v", "xadd s +6 f v", "xadd s \"7\\0x\" f v",
                    "xadd s 18446744073709551615-18446744073709551615 f v", "xadd s 18446744073709551615-* f v",
                    "xadd s * f v", "xrange s - +", "~xinfo stream s"),
            script("xadd argument errors",
                    "xadd s", "xadd s 1-1", "xadd s 1-1 f", "xadd s 1-1 f v g", "xadd s maxlen", "xadd s maxlen -1 1-1 f v",
                    "xadd s maxlen abc 1-1 f v", "xadd s maxlen 1 minid 1 1-1 f v", "xadd s limit 5 1-1 f v",
                    "xadd s maxlen 5 limit 5 1-1 f v", "xadd s maxlen ~ 5 limit -1 1-1 f v", "xadd s minid abc 1-1 f v",
                    "xadd s minid - 1-1 f v", "xadd s nomkstream 1-1 f v", "exists s", "xadd s limit 0 1-1 f v",
                    "xadd s maxlen = 2 limit 0 1-1 f v", "exists s", "#list l", "xadd l 1-1 f v", "xadd l nomkstream 1-1 f v"),
            script("maxlen and minid trim exactly, ~ trims whole nodes only",
                    fill("s", 1, 250), "xlen s", "xadd s maxlen ~ 120 300-1 f v", "xlen s", "~xinfo stream s",
                    "xadd s maxlen 120 301-1 f v", "xlen s", "xrange s - + count 2", "xtrim s minid ~ 200",
                    "xlen s", "xtrim s minid 200", "xlen s", "xrange s - + count 1", "xtrim s maxlen = 5", "xrange s - +",
                    "xtrim s maxlen 0", "xlen s", "exists s", "~xinfo stream s"),
            script("xtrim with LIMIT stops before a node that would pass it",
                    fill("s", 1, 350), "xtrim s maxlen ~ 0 limit 150", "xlen s", "xtrim s maxlen ~ 0 limit 99", "xlen s",
                    "xtrim s maxlen ~ 0 limit 0", "xlen s", "xtrim s maxlen ~ 10", "xlen s", "xtrim s minid ~ 340 limit 5",
                    "xlen s"),
            script("xtrim errors and missing keys",
                    "xtrim s", "xtrim s maxlen", "xtrim s maxlen 5", "xtrim s foo 5", "xtrim s maxlen -1",
                    "xtrim s limit 5", "xtrim s maxlen 5 limit 5", "xtrim s minid 1 maxlen 1", "xtrim s maxlen 1 minid 1",
                    "xtrim s minid +", "#list l", "xtrim l maxlen 1", "xtrim l maxlen -1"),
            script("big entries start new nodes (stream-node-max-bytes)",
                    "xadd s 1-1 f " + "x".repeat(3000), "xadd s 1-2 f " + "y".repeat(1500), "xadd s 1-3 f z",
                    "xadd s 1-4 f " + "w".repeat(4100), "xadd s 1-5 f 1", "~xinfo stream s", "xtrim s maxlen ~ 1", "xlen s",
                    "xrange s - +"),
            script("xrange and xrevrange bounds, exclusive bounds and count",
                    "xadd s 1-0 a 1", "xadd s 1-5 b 2", "xadd s 2-0 c 3", "xadd s 3-18446744073709551615 d 4",
                    "xrange s - +", "xrevrange s + -", "xrange s 1 1", "xrange s 1-1 2", "xrange s (1-0 +", "xrange s - (2-0",
                    "xrange s (1 (3", "xrevrange s (3-18446744073709551615 -", "xrange s 3 +",
                    "xrange s (18446744073709551615-18446744073709551615 +", "xrange s - (0-0", "xrange s (- +",
                    "xrange s ( +", "xrange s - + count 2", "xrange s - + count 0", "xrange s - + count -1",
                    "xrevrange s + - count 1", "xrange s - + count", "xrange s - + foo 1", "xrange s - + count abc",
                    "xrange s 2 1", "xrange s abc +", "xrange nokey - +", "xrange nokey - + count 0", "xrevrange s 1 2"),
            script("xdel marks entries deleted; the stream stays when emptied",
                    "xadd s 1-1 a 1", "xadd s 2-1 b 2", "xadd s 3-1 c 3", "xdel s 2-1 2-1 9-9", "xdel s 1-1",
                    "~xinfo stream s", "xdel s abc", "xdel s 3-1 abc", "xlen s", "xdel s 3-1", "xlen s", "exists s",
                    "~xinfo stream s", "xadd s 2-5 f v", "xadd s 3-5 f v", "xrange s - +", "xdel nokey 1-1", "xdel nokey abc",
                    "#list l", "xdel l 1-1"),
            script("xsetid moves the last ID, with ENTRIESADDED and MAXDELETEDID",
                    "xsetid s 1-1", "xadd s 5-1 f v", "xsetid s 4-0", "xsetid s 5-1", "xsetid s 10-0", "xadd s 9-9 f v",
                    "xadd s 10-* f v", "~xinfo stream s", "xdel s 5-1", "xsetid s 1-0", "~xinfo stream s",
                    "xadd t 1-1 f v", "xsetid t 10 entriesadded 0", "xsetid t 10 entriesadded -1", "xsetid t 10 entriesadded 7",
                    "xsetid t 10 maxdeletedid 11-0", "xsetid t 10 maxdeletedid 3-0", "~xinfo stream t", "xsetid t 10 foo",
                    "xsetid t abc", "xsetid t - ", "xsetid t 10 entriesadded", "#list l", "xsetid l 1-1"),
            script("xread: COUNT, several streams, $, and argument errors",
                    "xadd a 1-1 f 1", "xadd a 2-1 f 2", "xadd b 1-1 g 1", "xread streams a b 0 0", "xread count 1 streams a b 0-0 1",
                    "xread streams a b $ $", "xread streams a nokey 1-1 0", "xread block 0 streams a 1-1", "xread streams a",
                    "xread streams a b 0", "xread count 1", "xread foo streams a 0", "xread count -5 streams a 0",
                    "xread count abc streams a 0", "xread block -1 streams a 0", "xread block abc streams a 0",
                    "xread group g c streams a 0", "xread noack streams a 0", "xread streams a >", "xread streams a abc",
                    "xread streams a +", "xread streams a -", "xread STREAMS a 18446744073709551615-18446744073709551615",
                    "#list l", "xread streams a l 0 0", "xread streams l a 0 0", "xread block 10 streams a $",
                    "eval \"return redis.call('xread', 'block', '0', 'streams', KEYS[1], '0')\" 1 a",
                    "eval \"return redis.call('XREAD', 'count', '1', 'streams', KEYS[1], '0')\" 1 a"),
            script("consumer groups: create, BUSYGROUP, MKSTREAM, ENTRIESREAD and errors",
                    "xgroup create s g $", "xgroup create s g $ mkstream", "xgroup create s g $ mkstream", "type s",
                    "xgroup create s g2 0 entriesread 5", "xgroup create s g3 0 entriesread -2", "xgroup create s g3 abc",
                    "xgroup create s g3 - ", "xgroup create s g4 0 foo", "xgroup create s g4 0 entriesread",
                    "xinfo groups s", "xgroup destroy s g", "xgroup destroy s g", "xgroup destroy nokey g",
                    "xgroup createconsumer s nogroup c", "xgroup createconsumer s g2 c", "xgroup createconsumer s g2 c",
                    "xgroup delconsumer s g2 c", "xgroup delconsumer s g2 c", "xgroup delconsumer s nogroup c",
                    "xgroup setid s g2 $", "xgroup setid s g2 - ", "xgroup setid s g2 + entriesread 3", "xinfo groups s",
                    "xgroup setid s nogroup 0", "xgroup setid nokey g 0", "xgroup foo", "xgroup create s",
                    "xgroup help", "xgroup help x", "xgroup create s g5 0 mkstream entriesread 3 x", "#list l",
                    "xgroup create l g $", "xgroup create l g $ mkstream"),
            script("xreadgroup delivers new entries once, then the consumer's history",
                    "xadd s 1-1 f 1", "xadd s 2-1 f 2", "xadd s 3-1 f 3", "xgroup create s g 0",
                    "xreadgroup group g alice count 2 streams s >", "xreadgroup group g bob streams s >",
                    "xreadgroup group g bob streams s >", "xreadgroup group g alice streams s 0",
                    "xreadgroup group g alice count 1 streams s 1-1", "xreadgroup group g bob streams s 0",
                    "xreadgroup group g carol streams s 0", "xack s g 1-1 9-9", "xreadgroup group g alice streams s 0",
                    "xdel s 2-1", "xreadgroup group g alice streams s 0", "xinfo groups s", "~xinfo consumers s g",
                    "xadd s 4-1 f 4", "xreadgroup group g dave noack streams s >", "xreadgroup group g dave streams s 0",
                    "xinfo groups s", "xpending s g"),
            script("xreadgroup errors",
                    "xreadgroup group g c streams s >", "xadd s 1-1 f v", "xreadgroup group g c streams s >",
                    "xgroup create s g 0", "xreadgroup streams s >", "xreadgroup group g c streams s $",
                    "xreadgroup group g c streams s abc", "xreadgroup group g c streams s", "xreadgroup group g streams s >",
                    "xreadgroup group g c count -1 streams s >", "xreadgroup group g c block -1 streams s >",
                    "xreadgroup group g c streams s nokey > >", "xreadgroup group g c streams s s > 0", "#list l",
                    "xreadgroup group g c streams l >", "xreadgroup group g c block 100 streams s >",
                    "xreadgroup group g c block 100 streams s >"),
            script("xack and xpending summary and extended forms",
                    "xadd s 1-1 f 1", "xadd s 2-1 f 2", "xadd s 3-1 f 3", "xgroup create s g 0", "xpending s g",
                    "xreadgroup group g a count 2 streams s >", "xreadgroup group g b streams s >", "xpending s g",
                    "~xpending s g - + 10", "~xpending s g - + 10 a", "~xpending s g (1-1 + 10", "~xpending s g - + 1",
                    "xpending s g - + 0", "xpending s g - + -3", "xpending s g - + 10 nobody", "xpending s g - +",
                    "~xpending s g - + 10 a b c", "xpending s g idle", "~xpending s g idle 0 - + 10",
                    "xpending s g idle 100000000 - + 10", "xpending s g idle abc - + 10", "xpending s g abc + 10",
                    "xpending s g - + abc", "xpending s nogroup", "xpending nokey g", "xack s g 1-1 2-1 3-1 1-1",
                    "xpending s g", "xack s g abc", "xack s nogroup abc", "xack nokey g abc", "#list l", "xack l g 1-1",
                    "xpending l g"),
            script("xclaim moves pending entries; FORCE, JUSTID, RETRYCOUNT and errors",
                    "xadd s 1-1 f 1", "xadd s 2-1 f 2", "xadd s 3-1 f 3", "xgroup create s g 0",
                    "xreadgroup group g a streams s >", "xclaim s g b 0 1-1", "~xpending s g - + 10",
                    "xclaim s g b 0 2-1 justid", "~xpending s g - + 10", "xclaim s g b 0 3-1 retrycount 7",
                    "~xpending s g - + 10", "xclaim s g b 100000000 1-1 2-1", "xadd s 4-1 f 4",
                    "xclaim s g c 0 4-1", "xclaim s g c 0 4-1 force justid", "~xpending s g - + 10", "xdel s 1-1",
                    "xclaim s g c 0 1-1 2-1", "~xpending s g - + 10", "xclaim s g c 0 9-9 force",
                    "xclaim s g c abc 1-1", "xclaim s g c 0 1-1 foo", "xclaim s g c 0 1-1 idle abc",
                    "xclaim s g c 0 1-1 time abc", "xclaim s g c 0 1-1 retrycount abc", "xclaim s g c 0 1-1 lastid abc",
                    "xclaim s g c 0 2-1 lastid 50-0 justid", "xinfo groups s", "xclaim s nogroup c 0 1-1",
                    "xclaim nokey g c 0 1-1", "~xinfo consumers s g", "#list l", "xclaim l g c 0 1-1"),
            script("xautoclaim walks the PEL with COUNT and drops deleted entries",
                    fill("s", 1, 8), "xgroup create s g 0", "xreadgroup group g a streams s >", "xdel s 2-1 3-1",
                    "xautoclaim s g b 0 0 count 2", "xautoclaim s g b 0 (1-1 count 2", "xautoclaim s g b 0 - count 3 justid",
                    "xautoclaim s g b 0 0", "~xpending s g - + 10", "xautoclaim s g b 100000000 0",
                    "xautoclaim s g b 0 0 count 0", "xautoclaim s g b 0 0 count abc", "xautoclaim s g b 0 0 foo",
                    "xautoclaim s g b abc 0", "xautoclaim s g b 0 abc", "xautoclaim s g b 0 (18446744073709551615-18446744073709551615",
                    "xautoclaim s nogroup b 0 0", "xautoclaim nokey g b 0 0", "#list l", "xautoclaim l g b 0 0"),
            script("lag and entries-read follow deletions as in 7.0",
                    fill("s", 1, 6), "xgroup create s g 0", "xgroup create s h $", "xinfo groups s",
                    "xreadgroup group g a count 2 streams s >", "xinfo groups s", "xdel s 4-1", "xinfo groups s",
                    "xreadgroup group g a count 2 streams s >", "xinfo groups s", "xadd s 9-1 f v", "xinfo groups s",
                    "xgroup setid s h 3-1", "xinfo groups s", "xgroup setid s h 3-1 entriesread 2", "xinfo groups s",
                    "xtrim s maxlen 1", "xinfo groups s", "xgroup create s k 0 entriesread 100", "xinfo groups s"),
            script("xinfo stream, full form and errors",
                    "~xinfo stream s", "xadd s 1-1 a 1 b 2", "xadd s 2-1 a 3 b 4", "xadd s 3-1 c 5",
                    "~xinfo stream s", "~xinfo stream s full", "~xinfo stream s full count 1", "~xinfo stream s full count 0",
                    "~xinfo stream s full count -1", "xinfo stream s full count abc", "xinfo stream s foo",
                    "xinfo stream s full foo 1", "xinfo stream s full count", "xgroup create s g 0",
                    "xreadgroup group g c count 1 streams s >", "~xinfo stream s full", "xinfo groups nokey",
                    "xinfo consumers s nogroup", "xinfo foo s", "xinfo help", "xinfo help x", "xinfo groups s x",
                    "xinfo consumers s", "#list l", "~xinfo stream l", "xinfo groups l"),
            script("every stream command on a list is WRONGTYPE, and TYPE and OBJECT ENCODING say stream",
                    "#list l", "xlen l", "xrange l - +", "xrevrange l + -", "xread streams l 0", "xinfo consumers l g",
                    "xpending l g - + 1", "xgroup destroy l g", "xadd s 1-1 f v", "type s", "object encoding s",
                    "lpush s x", "get s", "exists s", "del s", "exists s"));

    /** XADD of one entry per ID i-1 for i in [from, to). */
    private static String[] fill(String key, int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) lines.add("xadd " + key + " " + i + "-1 f v" + i);
        return lines.toArray(new String[0]);
    }

    /**
     * Blanks what differs by design: the radix tree's inner node count, and times (an integer
     * after "idle", "seen-time", and the third and fourth items of pending-entry arrays).
     */
    static byte[] normalized(byte[] reply) {
        String s = new String(reply, StandardCharsets.ISO_8859_1);
        s = s.replaceAll("(radix-tree-nodes\r\n):\\d+", "$1:N");
        s = s.replaceAll("((?:idle|seen-time)\r\n):\\d+", "$1:T");
        // XPENDING's [id, consumer, idle, count] and XINFO FULL's [id, consumer, delivery time, count].
        s = s.replaceAll("(\\*4\r\n\\$\\d+\r\n\\d+-\\d+\r\n\\$\\d+\r\n[^\r]*\r\n):\\d+", "$1:T");
        // XINFO FULL's per-consumer [id, delivery time, count].
        s = s.replaceAll("(\\*3\r\n\\$\\d+\r\n\\d+-\\d+\r\n):\\d+", "$1:T");
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @TestFactory
    Stream<DynamicTest> everyStreamEdgeCaseRepliesLikeRedis() {
        return EdgeCaseScripts.tests(SCRIPTS, diff, line -> {
            if (line.startsWith("~")) diff.checkNormalized(line.substring(1), StreamEdgeCasesMatchRedisTest::normalized);
            else EdgeCaseScripts.listOrCheck(diff, line);
        });
    }

    /** A script whose parts are command lines or arrays of them (from {@link #fill}). */
    private static Script script(String name, Object... parts) {
        List<String> lines = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String[] many) lines.addAll(List.of(many));
            else lines.add((String) p);
        }
        return new Script(name, lines);
    }
}
