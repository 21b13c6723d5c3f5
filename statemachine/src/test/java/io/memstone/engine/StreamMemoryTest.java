package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerProcess;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Memory per stream entry, against redis-server's used_memory for the same XADDs (BENCHMARKS.md,
 * issue 17): the engine's heap after a full GC, before and after. Prints both; fails only if
 * the engine needs more than twice Redis' bytes, a bound loose enough for GC noise.
 */
class StreamMemoryTest {
    private static final int ENTRIES = 200_000;

    @Test
    void streamEntriesCostAtMostTwiceRedisMemory() {
        long redisBytes;
        try (RedisServerProcess server = RedisServerProcess.start(); RawRespClient redis = server.connect()) {
            long before = usedMemory(redis);
            for (int i = 1; i <= ENTRIES; i++) redis.call(Differential.tokenize(entry(i)));
            redisBytes = usedMemory(redis) - before;
        }
        EngineRunner engine = new EngineRunner();
        long heapBefore = heapAfterGc();
        for (int i = 1; i <= ENTRIES; i++) engine.reply(Differential.tokenize(entry(i)));
        long engineBytes = heapAfterGc() - heapBefore;
        double redisPer = (double) redisBytes / ENTRIES, enginePer = (double) engineBytes / ENTRIES;
        System.out.printf("stream memory: %d entries, redis-server %.1f B/entry, engine %.1f B/entry (%.2fx)%n",
                ENTRIES, redisPer, enginePer, enginePer / redisPer);
        assertTrue(engine.engine().keyspace().size() == 1);
        assertTrue(enginePer <= 2 * redisPer, "engine " + enginePer + " B/entry against Redis' " + redisPer);
    }

    /** A sensor reading: two fields, the same names every time, as streams usually hold. */
    private static String entry(int i) {
        return "xadd readings " + (1_700_000_000_000L + i) + "-0 sensor s" + (i % 50) + " temp " + (20 + i % 7) + "." + (i % 10);
    }

    private static long usedMemory(RawRespClient redis) {
        String info = new String(redis.call(Differential.tokenize("info memory")), StandardCharsets.ISO_8859_1);
        for (String line : info.split("\r\n")) if (line.startsWith("used_memory:")) return Long.parseLong(line.substring(12));
        throw new AssertionError("no used_memory in " + info);
    }

    private static long heapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
