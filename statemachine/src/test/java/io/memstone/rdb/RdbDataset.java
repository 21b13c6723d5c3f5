package io.memstone.rdb;

import static io.memstone.rdb.PackedBuilders.bytes;

import io.memstone.testing.RawRespClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A dataset of every type in every encoding redis-server 7.0 saves (int/embstr/raw and
 * LZF-compressible strings, quicklists of one and many nodes, listpack and hashtable hashes,
 * intset and hashtable sets, listpack and skiplist zsets), some keys with TTLs, some binary keys,
 * built by commands a test sends to a server.
 */
public final class RdbDataset {
    private RdbDataset() {}

    /** Builds the dataset on the server behind {@code c}, failing on any error reply. */
    public static void load(RawRespClient c, long seed) {
        for (byte[][] command : commands(seed)) {
            byte[] reply = c.call(command);
            if (reply[0] == '-') throw new AssertionError(Resp.text(reply));
        }
    }

    public static List<byte[][]> commands(long seed) {
        Random r = new Random(seed);
        List<byte[][]> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.add(args("set", "int:" + i, Long.toString(r.nextLong() >> r.nextInt(64))));
            out.add(args("set", "short:" + i, "value-" + i));
            out.add(args("set", "lzf:" + i, ("compressible " + i + " ").repeat(40 + r.nextInt(400))));
        }
        out.add(argsBytes("set", bytes("random"), random(r, 5000)));
        out.add(argsBytes("set", new byte[] {0, (byte) 0xff, '\r', '\n', ' '}, bytes("binary key")));
        out.add(args("set", "empty", ""));
        out.add(args("rpush", "list:small", "a", "1", "-300", "", "x".repeat(100)));
        out.add(withMany("rpush", "list:large", r, 5000, ""));
        out.add(argsBytes("rpush", bytes("list:plain-node"), random(r, 20_000), bytes("tail")));
        out.add(args("hset", "hash:small", "f", "1", "g", "two", "h", ""));
        out.add(withMany("hset", "hash:large", r, 600, "field"));
        out.add(args("hset", "hash:long-value", "f", "v".repeat(100)));
        out.add(args("sadd", "set:intset", "1", "-5", "300", "70000", "10000000000"));
        out.add(withMany("sadd", "set:hashtable", r, 300, "member"));
        out.add(zadd("zset:small", r, 20, 0));
        out.add(zadd("zset:large", r, 500, 0));
        out.add(zadd("zset:long-member", r, 3, 80));
        out.add(args("zadd", "zset:infinite", "inf", "up", "-inf", "down", "0", "zero"));
        for (String key : new String[] {"short:1", "lzf:2", "list:small", "hash:large", "set:intset", "zset:small"}) {
            out.add(args("pexpire", key, Integer.toString(3_600_000 + r.nextInt(1_000_000))));
        }
        out.add(args("pexpireat", "int:3", "4102444800000")); // 2100-01-01
        return out;
    }

    private static byte[][] args(String... argv) {
        return RawRespClient.toBytes(argv);
    }

    private static byte[][] argsBytes(String command, byte[]... rest) {
        List<byte[]> all = new ArrayList<>(List.of(bytes(command)));
        all.addAll(List.of(rest));
        return all.toArray(new byte[0][]);
    }

    /** A command on key with n arguments (n pairs when a field prefix is given). */
    private static byte[][] withMany(String command, String key, Random r, int n, String fieldPrefix) {
        List<byte[]> all = new ArrayList<>(List.of(bytes(command), bytes(key)));
        for (int i = 0; i < n; i++) {
            if (!fieldPrefix.isEmpty()) all.add(bytes(fieldPrefix + i));
            all.add(r.nextBoolean() ? bytes(Integer.toString(r.nextInt())) : bytes("e" + i + "-".repeat(r.nextInt(30))));
        }
        return all.toArray(new byte[0][]);
    }

    private static byte[][] zadd(String key, Random r, int n, int memberPadding) {
        List<byte[]> all = new ArrayList<>(List.of(bytes("zadd"), bytes(key)));
        for (int i = 0; i < n; i++) {
            all.add(bytes(r.nextBoolean() ? Integer.toString(r.nextInt(1000)) : Double.toString(r.nextGaussian() * 1e6)));
            all.add(bytes("m" + i + "_".repeat(memberPadding)));
        }
        return all.toArray(new byte[0][]);
    }

    private static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
