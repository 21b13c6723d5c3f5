package io.memstone.rdb;

import static io.memstone.rdb.PackedBuilders.blobObject;
import static io.memstone.rdb.PackedBuilders.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestFactory;

/**
 * The codec against redis-server 7.0 itself: values of every encoding are built in Redis and
 * DUMPed, and {@link RdbObjectReader} must decode what Redis reports (LRANGE, SMEMBERS,
 * HGETALL, ZRANGE WITHSCORES); {@link RdbObjectWriter}'s payload of the decoded value must
 * RESTORE into Redis as the same contents and encoding. Encodings 7.0 no longer writes
 * (ziplists, zipmaps, string scores, plain quicklist nodes) are built here and must load the
 * same in Redis and in the reader.
 */
class RdbCodecMatchesRedisTest {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    /** A value built in Redis by {@code commands} at key "v", in the encoding Redis must report. */
    private record Built(String name, String encoding, List<byte[][]> commands) {}

    private static Built built(String name, String encoding, byte[][]... commands) {
        return new Built(name, encoding, Arrays.asList(commands));
    }

    private static byte[][] cmd(String... argv) {
        return RawRespClient.toBytes(argv);
    }

    /** A command on key "v" whose remaining arguments are the given byte strings. */
    private static byte[][] cmd(String command, List<byte[]> args) {
        List<byte[]> all = new ArrayList<>(List.of(bytes(command), bytes("v")));
        all.addAll(args);
        return all.toArray(new byte[0][]);
    }

    private static final String[] INTEGERS = {"0", "1", "-1", "12", "13", "127", "128", "-128", "-129", "4095", "4096",
            "-4096", "-4097", "32767", "32768", "-32768", "8388607", "8388608", "-8388608", "2147483647", "2147483648",
            "-2147483648", "9223372036854775807", "-9223372036854775808", "007", "-0", "+1", "1.5"};

    private static List<byte[]> strings(String... s) {
        List<byte[]> out = new ArrayList<>();
        for (String x : s) out.add(bytes(x));
        return out;
    }

    private static List<byte[]> mixedElements(Random r, int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(4)) {
                case 0: out.add(bytes(INTEGERS[r.nextInt(INTEGERS.length)])); break;
                case 1: out.add(bytes(Long.toString(r.nextLong() >> r.nextInt(64)))); break;
                case 2: out.add(randomBytes(r, r.nextInt(20))); break;
                default: out.add(bytes("e" + i + "x".repeat(r.nextInt(200))));
            }
        }
        return out;
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static List<byte[]> numbered(String prefix, int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(bytes(prefix + i));
        return out;
    }

    /** Members with scores alternating, as ZADD takes them: score first. */
    private static List<byte[]> scored(Random r, int n, int memberPadding) {
        String[] special = {"inf", "-inf", "0", "-0", "1.5", "-2.25", "1e300", "3.141592653589793", "100", "-7", "1e-300"};
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String score = r.nextBoolean() ? special[r.nextInt(special.length)]
                    : r.nextBoolean() ? Integer.toString(r.nextInt(2000) - 1000) : Double.toString(r.nextGaussian() * 1e6);
            out.add(bytes(score));
            out.add(bytes("m" + i + "-".repeat(memberPadding)));
        }
        return out;
    }

    private static List<Built> builtValues() {
        Random r = new Random(42);
        List<Built> all = new ArrayList<>();
        all.add(built("empty string", "embstr", cmd("set", "v", "")));
        for (String i : INTEGERS) all.add(built("string " + i, null, cmd("set", "v", i)));
        all.add(built("compressible string (LZF)", "raw", cmd("set", "v", "abcabcab".repeat(300))));
        all.add(built("random string", "raw", cmd("set", List.of(randomBytes(r, 3000)))));
        all.add(built("binary string", "embstr", cmd("set", strings("\0\r\n\u00ff\u0080 x"))));
        all.add(built("small list, every listpack entry kind", "quicklist", cmd("rpush", strings(INTEGERS)),
                cmd("rpush", strings("", "a", "b".repeat(63), "c".repeat(64), "d".repeat(4095), "e".repeat(4096)))));
        all.add(built("large list, many nodes", "quicklist", cmd("rpush", mixedElements(r, 3000))));
        all.add(built("list of one big element", "quicklist", cmd("rpush", List.of(randomBytes(r, 20000)))));
        all.add(built("intset of 16-bit", "intset", cmd("sadd", "v", "1", "-5", "300", "32767")));
        all.add(built("intset of 32-bit", "intset", cmd("sadd", "v", "1", "100000", "-2147483648")));
        all.add(built("intset of 64-bit", "intset", cmd("sadd", "v", "1", "10000000000", "-9223372036854775808")));
        all.add(built("hashtable set of strings", "hashtable", cmd("sadd", mixedElements(r, 50))));
        all.add(built("hashtable set of many integers", "hashtable", cmd("sadd", numbered("", 600))));
        all.add(built("listpack hash", "listpack", cmd("hset", strings("f", "1", "g", "-200", "", "empty", "n", "",
                "big", "9223372036854775807", "s", "x".repeat(64)))));
        all.add(built("hashtable hash by count", "hashtable", cmd("hset", mixedPairs(r, 200))));
        all.add(built("hashtable hash by value size", "hashtable", cmd("hset", strings("f", "v", "g", "w".repeat(65)))));
        all.add(built("listpack zset", "listpack", cmd("zadd", scored(r, 40, 0))));
        all.add(built("skiplist zset by count", "skiplist", cmd("zadd", scored(r, 300, 0))));
        all.add(built("skiplist zset by member size", "skiplist", cmd("zadd", scored(r, 5, 70))));
        return all;
    }

    private static List<byte[]> mixedPairs(Random r, int n) {
        List<byte[]> out = new ArrayList<>();
        List<byte[]> values = mixedElements(r, n);
        for (int i = 0; i < n; i++) {
            out.add(bytes("field" + i));
            out.add(values.get(i));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> readerDecodesRedisDumpsAndWriterRestoresThem() {
        return builtValues().stream().map(b -> DynamicTest.dynamicTest(b.name(), () -> {
            redis.callString("FLUSHALL");
            for (byte[][] c : b.commands()) {
                byte[] reply = redis.call(c);
                assertTrue(reply[0] != '-', Resp.text(reply));
            }
            if (b.encoding() != null) assertEquals(b.encoding(), encoding("v"));
            byte[] payload = Resp.bulk(redis.call(cmd("dump", "v")));
            assertTrue(DumpPayload.verify(payload));
            RdbValue decoded = DumpPayload.read(payload);
            assertEquals(redisContents("v"), contents(decoded));

            assertEquals("+OK\r\n", Resp.text(redis.call(bytes("restore"), bytes("copy"), bytes("0"), DumpPayload.create(decoded))));
            assertEquals(redisContents("v"), redisContents("copy"));
            assertEquals(encoding("v"), encoding("copy"));
        }));
    }

    @Test
    void stringsUseRedisIntegerAndLzfEncodings() {
        assertEquals(0xc0, stringEncodingByte("-128"));
        assertEquals(0xc1, stringEncodingByte("32767"));
        assertEquals(0xc2, stringEncodingByte("-2147483648"));
        assertEquals(0xc3, stringEncodingByte("abcabcab".repeat(300)));
        assertEquals(10, stringEncodingByte("2147483648"));
    }

    /** Without LZF in play (it may compress differently), the writer's payload is Redis' own. */
    @Test
    void writerPayloadsOfShortStringsAreRedisBytes() {
        List<byte[][]> builds = new ArrayList<>();
        for (String i : INTEGERS) builds.add(cmd("set", "v", i));
        builds.add(cmd("set", "v", ""));
        builds.add(cmd("set", "v", "abcdefghijklmnopqrst"));
        builds.add(cmd("set", List.of(randomBytes(new Random(1), 300))));
        for (byte[][] c : builds) {
            redis.callString("FLUSHALL");
            redis.call(c);
            byte[] payload = Resp.bulk(redis.call(cmd("dump", "v")));
            assertEquals(Resp.text(payload), Resp.text(DumpPayload.create(DumpPayload.read(payload))));
        }
    }

    /** The byte after the type in Redis' DUMP of the string, which names its RDB encoding. */
    private static int stringEncodingByte(String s) {
        redis.call(cmd("set", "v", s));
        return Resp.bulk(redis.call(cmd("dump", "v")))[1] & 0xff;
    }

    private static final List<byte[]> OLD_LIST = strings("1", "0", "12", "13", "-1", "127", "-128", "300", "-30000",
            "8000000", "-8000000", "2000000000", "-2000000000", "9000000000000", "", "text", "y".repeat(300),
            "z".repeat(20000), "007");

    /** Payloads in encodings 7.0 loads but no longer writes: Redis and the reader must agree. */
    private static List<Object[]> olderPayloads() {
        List<Object[]> out = new ArrayList<>();
        out.add(new Object[] {"list ziplist", blobObject(RdbType.LIST_ZIPLIST, PackedBuilders.ziplist(OLD_LIST))});
        RdbOutput quicklist = new RdbOutput();
        quicklist.writeByte(RdbType.LIST_QUICKLIST);
        quicklist.writeLength(2);
        quicklist.writeString(PackedBuilders.ziplist(OLD_LIST.subList(0, 5)));
        quicklist.writeString(PackedBuilders.ziplist(OLD_LIST.subList(5, OLD_LIST.size())));
        out.add(new Object[] {"list quicklist of ziplists", quicklist.toByteArray()});
        RdbOutput plain = new RdbOutput();
        plain.writeByte(RdbType.LIST_QUICKLIST_2);
        plain.writeLength(3);
        plain.writeLength(1);
        plain.writeString(bytes("a plain node"));
        plain.writeLength(2);
        plain.writeString(Listpack.encode(OLD_LIST));
        plain.writeLength(1);
        plain.writeString(bytes("q".repeat(5000)));
        out.add(new Object[] {"quicklist 2 with plain nodes", plain.toByteArray()});
        out.add(new Object[] {"hash ziplist", blobObject(RdbType.HASH_ZIPLIST,
                PackedBuilders.ziplist(strings("f", "1", "g", "x".repeat(300), "5", "-7")))});
        out.add(new Object[] {"zset ziplist", blobObject(RdbType.ZSET_ZIPLIST,
                PackedBuilders.ziplist(strings("a", "1", "b", "1.5", "c", "-inf", "d", "inf", "e", "-300", "f", "2.5e-3")))});
        out.add(new Object[] {"hash zipmap", blobObject(RdbType.HASH_ZIPMAP,
                PackedBuilders.zipmap(strings("f", "v", "long", "l".repeat(300), "e", ""), 2))});
        out.add(new Object[] {"intset", blobObject(RdbType.SET_INTSET, PackedBuilders.intset(8, -5, 0, 1L << 40))});
        RdbOutput zset = new RdbOutput();
        zset.writeByte(RdbType.ZSET);
        zset.writeLength(4);
        for (String[] e : new String[][] {{"a", "1.5"}, {"b", "-0.25"}, {"c", "1e10"}, {"d", "17"}}) {
            zset.writeString(bytes(e[0]));
            zset.writeByte(e[1].length());
            zset.writeBytes(bytes(e[1]));
        }
        out.add(new Object[] {"zset with text scores", zset.toByteArray()});
        return out;
    }

    @TestFactory
    Stream<DynamicTest> olderEncodingsLoadAsInRedis() {
        return olderPayloads().stream().map(p -> DynamicTest.dynamicTest((String) p[0], () -> {
            byte[] payload = DumpPayload.frame((byte[]) p[1]);
            byte[] reply = redis.call(bytes("restore"), bytes("old"), bytes("0"), payload, bytes("replace"));
            assertEquals("+OK\r\n", Resp.text(reply));
            assertEquals(redisContents("old"), contents(DumpPayload.read(payload)));
        }));
    }

    private static String encoding(String key) {
        return Resp.text(Resp.bulk(redis.call(cmd("object", "encoding", key))));
    }

    private static List<String> redisContents(String key) {
        return KeyContents.of(redis.client(), bytes(key));
    }

    private static List<String> contents(RdbValue v) {
        return KeyContents.of(v);
    }
}
