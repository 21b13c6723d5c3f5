package io.memstone.engine;

import static io.memstone.engine.EdgeCaseScripts.script;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import io.memstone.engine.EdgeCaseScripts.Script;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hand-written edge cases of PFADD, PFCOUNT and PFMERGE, each script run on an empty keyspace
 * against redis-server and the engine with every reply byte-identical, GET of the HLLs included.
 * Directives: {@code #list KEY} puts a list at KEY; {@code #set KEY HEX} sets KEY to raw bytes
 * (forged or corrupted HLLs); {@code #add KEY N PREFIX} adds PREFIX0..PREFIX(N-1) in one PFADD;
 * {@code #w COMMAND} runs the command on the engine through the log, so PFCOUNT stores its
 * cache there as redis-server does (plain PFCOUNT runs on the engine's read path).
 */
class HyperLogLogEdgeCasesMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    private static final String SPARSE = "48594c4c" + "01000000" + "0000000000000000";
    private static final String SPARSE_STALE = "48594c4c" + "01000000" + "0000000000000080";
    private static final String DENSE = "48594c4c" + "00000000" + "0000000000000080";
    /** One XZERO over every register: the body of an empty sparse HLL. */
    private static final String ALL_ZERO = "7fff";
    /** Elements whose register is below / at least 100 (a corrupted HLL below covers only 100). */
    private static final String LOW = elementWithRegister(true);
    private static final String HIGH = elementWithRegister(false);

    /** A dense body whose 12288 register bytes are all {@code fill}, plus extra bytes. */
    private static String dense(String cacheAndHeader, String fill, int bytes) {
        return cacheAndHeader + fill.repeat(bytes);
    }

    private static String elementWithRegister(boolean below100) {
        for (int i = 0; ; i++) {
            String e = "e" + i;
            long hash = HyperLogLog.murmurHash64A(e.getBytes(StandardCharsets.UTF_8), 0xadc83b19);
            if ((hash & 0x3fff) < 100 == below100) return e;
        }
    }

    private static final List<Script> SCRIPTS = List.of(
            script("arity",
                    "pfadd", "pfcount", "pfmerge"),
            script("pfadd creates the key even without elements; the new HLL caches a count of 0",
                    "pfadd h", "get h", "pfadd h", "pfcount h", "#w pfcount h", "get h", "type h", "strlen h"),
            script("pfadd reports whether a register changed; duplicates and binary elements",
                    "pfadd h a b c a", "get h", "pfadd h a", "pfadd h c b", "pfadd h \"\"", "pfadd h \"\\0\"",
                    "pfadd h \"a\\0b\" \"\\r\\n\"", "get h", "pfcount h", "#w pfcount h", "get h", "pfcount h",
                    "pfadd h a", "get h", "pfadd h zz", "get h", "#w pfcount h", "get h"),
            script("pfadd, pfmerge and pfcount leave a short HLL raw, not embstr (fuzzer)",
                    "pfadd h a", "object encoding h", "pfmerge m", "object encoding m", "pfmerge h",
                    "object encoding h", "#set h " + SPARSE + ALL_ZERO, "object encoding h", "pfadd h",
                    "object encoding h", "#set h " + SPARSE + ALL_ZERO, "pfadd h a", "object encoding h",
                    "#set h " + SPARSE + ALL_ZERO, "#w pfcount h", "object encoding h",
                    "#set h " + SPARSE_STALE + ALL_ZERO, "#w pfcount h", "object encoding h", "get h"),
            script("hashing of elements of every tail length",
                    "pfadd h 1 12 123 1234 12345 123456 1234567 12345678 123456789 1234567890a 1234567890ab",
                    "get h", "#w pfcount h", "get h", "pfadd h \"0123456789abcdef0123456789abcdef!\"", "get h"),
            script("pfcount and pfmerge of missing keys",
                    "pfcount m", "pfcount m n", "pfcount m m", "exists m", "pfmerge d", "get d", "pfcount d",
                    "pfmerge e m n", "get e", "exists m n"),
            script("a key of another type",
                    "#list l", "pfadd l a", "pfcount l", "pfcount h l", "pfadd h a", "pfcount h l", "pfcount l h",
                    "pfmerge l", "pfmerge d l", "pfmerge l h", "exists d", "type l"),
            script("a string that is not an HLL",
                    "set s hello", "pfadd s a", "pfcount s", "pfmerge s", "pfmerge d s", "pfcount m s", "get s",
                    "set s 123", "pfadd s a", "set s \"\"", "pfcount s", "set s HYLL", "pfadd s", "exists d",
                    "set s \"HYLL\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"", "pfcount s",
                    "set s \"HYLL\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"", "pfcount s", "pfadd s a", "get s",
                    "set s \"hyll\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"", "pfcount s"),
            script("header checks: magic, encoding, dense length",
                    "#set h " + SPARSE.replace("01000000", "02000000") + ALL_ZERO, "pfcount h", "pfadd h a",
                    "#set h " + SPARSE.replace("01000000", "ff000000") + ALL_ZERO, "pfcount h",
                    "#set h " + dense(DENSE, "00", 12287), "pfcount h", "pfadd h a", "pfmerge d h",
                    "#set h " + dense(DENSE, "00", 12289), "pfcount h", "pfmerge h",
                    "#set h " + dense(DENSE, "00", 12288), "pfcount h", "pfadd h a", "get h",
                    "#set h " + SPARSE.replace("01000000", "01ffffff") + ALL_ZERO, "pfadd h a", "get h", "pfcount h"),
            script("a sparse HLL with no opcodes is corrupted",
                    "#set h " + SPARSE, "pfcount h", "pfadd h", "pfadd h a", "pfcount h h", "pfmerge d h", "exists d",
                    "pfmerge h", "get h"),
            script("a sparse HLL covering too few registers fails at the first element past them",
                    "#set h " + SPARSE + "4063", "pfadd h " + LOW, "get h", "pfadd h " + LOW + " " + HIGH,
                    "get h", "pfadd h x" + LOW + " " + HIGH + " " + LOW, "get h", "pfcount h", "pfcount h m",
                    "pfmerge d h", "exists d", "pfmerge h", "#set h " + SPARSE + "4063" + "8000", "pfcount h"),
            script("a sparse HLL covering too many registers",
                    "#set h " + SPARSE_STALE + ALL_ZERO + ALL_ZERO, "pfcount h", "pfadd h a b c", "get h",
                    "pfcount h", "pfcount h m", "pfmerge d h", "#set h " + SPARSE_STALE + "7ffe" + "8c8c",
                    "pfcount h", "pfmerge d h", "#set h " + SPARSE_STALE + "7ffe" + "88", "#w pfcount h",
                    "pfcount h m", "pfmerge d h", "get d", "pfadd h a b c d e f g", "get h"),
            script("a sparse HLL ending inside an XZERO reads a zero low byte",
                    "#set h " + SPARSE_STALE + "7f", "pfcount h", "#set h " + SPARSE_STALE + "3f7f", "pfcount h",
                    "#set h " + SPARSE_STALE + "3f7e", "pfcount h", "pfcount h m", "pfmerge d h", "get d",
                    "#set h " + SPARSE_STALE + "3f3f3f3e7f", "pfcount h", "pfadd h a", "get h", "pfadd h " + HIGH,
                    "get h", "pfcount h"),
            script("the cached count is trusted while valid",
                    "#set h " + SPARSE + ALL_ZERO, "pfcount h", "#set h " + SPARSE.replace("0000000000000000",
                            "2a00000000000000") + ALL_ZERO, "pfcount h", "pfcount h m", "pfadd h a", "pfcount h",
                    "#set h " + SPARSE.replace("0000000000000000", "ffffffffffffff7f") + ALL_ZERO, "pfcount h",
                    "pfadd h", "pfcount h", "#set h " + SPARSE.replace("0000000000000000", "2a000000000000ff")
                            + ALL_ZERO, "#w pfcount h", "get h"),
            script("forged dense registers up to 63, and all above Q",
                    "#set h " + dense(DENSE, "41", 12288), "pfcount h", "#w pfcount h", "get h", "pfadd h a",
                    "pfmerge d h", "#w pfcount d", "get d", "#set h " + dense(DENSE, "ff", 12288), "pfcount h",
                    "#w pfcount h", "get h", "pfcount h", "pfcount h h", "pfmerge d h", "#w pfcount d", "get d"),
            script("a sparse HLL turns dense when it outgrows 3000 bytes",
                    "#add h 300 a", "get h", "#add h 700 b", "get h", "strlen h", "#add h 3000 c", "strlen h", "get h",
                    "#w pfcount h", "get h", "pfadd h x y z", "get h", "#w pfcount h", "pfcount h"),
            script("pfmerge of sparse and dense HLLs",
                    "#add s 50 s", "#add t 60 t", "#add d 5000 d", "pfmerge st s t", "get st", "#w pfcount st",
                    "pfmerge sd s d", "get sd", "pfmerge ds d s", "get ds", "pfmerge s d", "get s", "pfmerge t t",
                    "get t", "pfmerge m", "pfmerge m s t d", "get m", "pfcount s t d", "pfcount st sd ds m",
                    "#w pfcount d", "get d", "pfmerge d", "get d", "pfcount d"),
            script("pfmerge of sparse HLLs outgrowing 3000 bytes turns the destination dense",
                    "#add a 700 a", "#add b 700 b", "#add c 700 c", "pfmerge a b c", "strlen a", "get a",
                    "#w pfcount a", "pfcount a b c", "pfmerge x a", "get x"),
            script("pfmerge keeps the stale cache bytes of the destination",
                    "pfadd d a b c", "#w pfcount d", "pfadd e x", "pfmerge d e", "get d", "pfcount d",
                    "#add big 4000 x", "#w pfcount big", "pfmerge big d", "get big"),
            script("pfadd and pfmerge keep the TTL; errors leave the key alone",
                    "pfadd h a", "expire h 100", "pfadd h b", "ttl h", "pfmerge h", "ttl h", "#w pfcount h", "ttl h",
                    "set s x", "pfmerge s h", "get s", "pfmerge h s", "pfcount h"),
            script("string commands on an HLL",
                    "pfadd h a b", "append h \"\\0\"", "pfcount h", "get h", "pfadd h c", "get h",
                    "pfadd d a", "#add d 3000 x",
                    "append d x", "pfcount d", "pfadd d x", "strlen d"));

    @TestFactory
    Stream<DynamicTest> everyEdgeCaseRepliesLikeRedis() {
        return EdgeCaseScripts.tests(SCRIPTS, diff, HyperLogLogEdgeCasesMatchRedisTest::run);
    }

    private static void run(String line) {
        String[] words = line.split(" ");
        switch (words[0]) {
            case "#list":
                diff.listAt(words[1]);
                break;
            case "#w":
                diff.checkAsWrite(line.substring(3));
                break;
            case "#set":
                diff.check("set".getBytes(StandardCharsets.UTF_8), words[1].getBytes(StandardCharsets.UTF_8),
                        HexFormat.of().parseHex(words[2]));
                break;
            case "#add":
                List<String> argv = new ArrayList<>(List.of("pfadd", words[1]));
                for (int i = 0; i < Integer.parseInt(words[2]); i++) argv.add(words[3] + i);
                diff.check(RandomCommands.argv(argv));
                break;
            default:
                diff.check(line);
        }
    }
}
