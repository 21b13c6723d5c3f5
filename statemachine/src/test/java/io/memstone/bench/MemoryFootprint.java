package io.memstone.bench;

import static io.memstone.bench.Commands.argv;
import static io.memstone.bench.Commands.command;

import io.memstone.engine.Engine;
import io.memstone.proto.Command;
import io.memstone.testing.RedisServerProcess;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Bytes per item of the engine against redis-server on the same data: the engine's heap growth
 * after a full GC versus the growth of Redis' {@code used_memory}. Prints a Markdown table for
 * BENCHMARKS.md. Run by deploy/engine-bench.sh (a JVM of its own: the figures need a quiet heap).
 */
public final class MemoryFootprint {
    /** A data set: its name, how many items it counts, and the commands that build it. */
    private record DataSet(String name, int items, String unit, List<byte[][]> commands) {}

    public static void main(String[] args) throws Exception {
        List<DataSet> sets = List.of(strings(1_000_000), sortedSet(1_000_000), hashes(100_000));
        System.out.println("| data | redis used_memory | bytes/" + "item | memstone heap | bytes/item | ratio |");
        System.out.println("|---|---|---|---|---|---|");
        try (RedisServerProcess redis = RedisServerProcess.start(); Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            for (DataSet set : sets) {
                long redisBytes = redisGrowth(jedis, set);
                long heapBytes = engineGrowth(set);
                System.out.printf("| %s | %,d B | %.0f per %s | %,d B | %.0f per %s | %.2fx |%n", set.name,
                        redisBytes, (double) redisBytes / set.items, set.unit,
                        heapBytes, (double) heapBytes / set.items, set.unit, (double) heapBytes / redisBytes);
            }
        }
    }

    /** 16-byte keys, 32-byte values. */
    private static DataSet strings(int n) {
        List<byte[][]> cs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) cs.add(argv(String.format("key:%012d", i), String.format("value:%026d", i)));
        cs.replaceAll(a -> prepend("set", a));
        return new DataSet(String.format("%,d strings (16 B key, 32 B value)", n), n, "key", cs);
    }

    /** One key; 17-byte members, random scores; ZADD of 1000 members per command. */
    private static DataSet sortedSet(int n) {
        Random r = new Random(1);
        List<byte[][]> cs = new ArrayList<>();
        for (int i = 0; i < n; i += 1000) {
            List<String> words = new ArrayList<>(List.of("zadd", "zset"));
            for (int j = i; j < Math.min(n, i + 1000); j++) {
                words.add(Double.toString(r.nextDouble() * 1e6));
                words.add(String.format("member:%010d", j));
            }
            cs.add(argv(words.toArray(new String[0])));
        }
        return new DataSet(String.format("1 sorted set of %,d members (17 B)", n), n, "member", cs);
    }

    /** 16-byte keys, 10 fields of 8 bytes with 16-byte values each. */
    private static DataSet hashes(int n) {
        List<byte[][]> cs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> words = new ArrayList<>(List.of("hset", String.format("hash:%011d", i)));
            for (int f = 0; f < 10; f++) {
                words.add("field:0" + f);
                words.add(String.format("value:%010d", i * 10 + f));
            }
            cs.add(argv(words.toArray(new String[0])));
        }
        return new DataSet(String.format("%,d hashes of 10 fields", n), n, "hash", cs);
    }

    private static byte[][] prepend(String word, byte[][] rest) {
        byte[][] out = new byte[rest.length + 1][];
        out[0] = argv(word)[0];
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static long redisGrowth(Jedis jedis, DataSet set) {
        jedis.flushAll();
        long before = usedMemory(jedis);
        Pipeline p = jedis.pipelined();
        for (int i = 0; i < set.commands.size(); i++) {
            byte[][] c = set.commands.get(i);
            p.sendCommand(() -> c[0], java.util.Arrays.copyOfRange(c, 1, c.length));
            if (i % 1000 == 999) p.sync();
        }
        p.sync();
        long after = usedMemory(jedis);
        jedis.flushAll();
        return after - before;
    }

    private static long usedMemory(Jedis jedis) {
        for (String line : jedis.info("memory").split("\r\n")) {
            if (line.startsWith("used_memory:")) return Long.parseLong(line.substring("used_memory:".length()));
        }
        throw new IllegalStateException("INFO memory has no used_memory");
    }

    private static long engineGrowth(DataSet set) {
        long before = heapAfterGc();
        Engine engine = new Engine();
        List<Command> commands = new ArrayList<>(set.commands.size());
        for (byte[][] c : set.commands) commands.add(command(c));
        Commands.load(engine, commands);
        commands.clear();
        long after = heapAfterGc();
        if (engine.keyspace().size() == 0) throw new IllegalStateException("nothing loaded");
        return after - before;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
