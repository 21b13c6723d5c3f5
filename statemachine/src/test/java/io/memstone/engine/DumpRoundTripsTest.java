package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.rdb.DumpPayload;
import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Payloads crossing between the two servers: Memstone's DUMP must RESTORE into redis-server
 * with the same contents and redis-server's into Memstone, for every type and encoding, and
 * fuzzed payloads with a valid checksum must only ever give an error reply.
 */
class DumpRoundTripsTest {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static byte[][] argv(Object... args) {
        byte[][] out = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i] instanceof byte[] x ? x : ((String) args[i]).getBytes(StandardCharsets.ISO_8859_1);
        }
        return out;
    }

    private static byte[] bulk(byte[] reply) {
        int crlf = new String(reply, StandardCharsets.ISO_8859_1).indexOf("\r\n");
        return Arrays.copyOfRange(reply, crlf + 2, reply.length - 2);
    }

    private static String text(byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1);
    }

    /** The same commands on both; the replies must match (they build the values). */
    private static void both(EngineRunner engine, byte[][] command) {
        assertEquals(text(redis.call(command)), text(engine.call(command)));
    }

    @Test
    void memstoneDumpsRestoreIntoRedisWithTheSameContents() {
        EngineRunner engine = new EngineRunner();
        redis.callString("FLUSHALL");
        Random r = new Random(9);
        List<String> keys = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            String key = "k" + n;
            keys.add(key);
            if (n % 2 == 0) {
                both(engine, argv("set", key, value(r)));
            } else {
                int size = n % 5 == 1 ? 2000 + r.nextInt(3000) : 1 + r.nextInt(30);
                for (int i = 0; i < size; i++) both(engine, argv("rpush", key, value(r)));
            }
        }
        for (String key : keys) {
            byte[] payload = bulk(engine.call(argv("dump", key)));
            assertEquals("+OK\r\n", text(redis.call(argv("restore", "copy:" + key, "0", payload))), key);
            for (String read : List.of("get", "lrange")) {
                byte[][] original = read.equals("get") ? argv(read, key) : argv(read, key, "0", "-1");
                byte[][] copy = read.equals("get") ? argv(read, "copy:" + key) : argv(read, "copy:" + key, "0", "-1");
                assertEquals(text(redis.call(original)), text(redis.call(copy)), read + " " + key);
            }
            // And back: Redis' DUMP of the copy restores into Memstone as the original.
            byte[] back = bulk(redis.call(argv("dump", "copy:" + key)));
            assertEquals("+OK\r\n", text(engine.call(argv("restore", "back", "0", back, "replace"))));
            assertArrayEquals(engine.call(argv("dump", key)), engine.call(argv("dump", "back")));
        }
    }

    private static byte[] value(Random r) {
        switch (r.nextInt(5)) {
            case 0: return Long.toString(r.nextLong() >> r.nextInt(64)).getBytes(StandardCharsets.US_ASCII);
            case 1: return "abc".repeat(r.nextInt(200)).getBytes(StandardCharsets.US_ASCII);
            case 2: {
                byte[] b = new byte[r.nextInt(100)];
                r.nextBytes(b);
                return b;
            }
            default: return ("v" + r.nextInt(1000)).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Small and large (packed and hash/skiplist encoded) collections, both ways. */
    @Test
    void collectionsCrossBothWaysWithTheSameContents() {
        redis.callString("FLUSHALL");
        List<String> hash = new ArrayList<>(List.of("HSET", "h"));
        List<String> set = new ArrayList<>(List.of("SADD", "s"));
        List<String> zset = new ArrayList<>(List.of("ZADD", "z"));
        for (int i = 0; i < 600; i++) {
            hash.addAll(List.of("f" + i, "v" + i));
            set.add(Integer.toString(i * 7));
            zset.addAll(List.of(Double.toString(i / 3.0), "m" + i));
        }
        redis.call(argv(hash.subList(0, 8).toArray()));
        redis.call(argv(set.subList(0, 6).toArray()));
        redis.call(argv(zset.subList(0, 8).toArray()));
        for (List<String> big : List.of(hash, set, zset)) {
            big.set(1, big.get(1) + "big");
            redis.call(argv(big.toArray()));
        }
        redis.callString("SADD", "sbig", "not-an-integer");
        EngineRunner engine = new EngineRunner();
        for (String[] keyAndRead : new String[][] {{"h", "HGETALL"}, {"hbig", "HGETALL"}, {"s", "SMEMBERS"},
                {"sbig", "SMEMBERS"}, {"z", "ZRANGE"}, {"zbig", "ZRANGE"}}) {
            String key = keyAndRead[0];
            byte[][] read = keyAndRead[1].equals("ZRANGE") ? argv("ZRANGE", key, "0", "-1", "WITHSCORES")
                    : argv(keyAndRead[1], key);
            byte[] payload = bulk(redis.call(argv("DUMP", key)));
            assertEquals("+OK\r\n", text(engine.call(argv("RESTORE", key, "0", payload))), key);
            assertEquals(sorted(redis.call(read)), sorted(engine.call(read)), key + " restored in memstone");

            List<String> contents = sorted(engine.call(read));
            byte[] ours = bulk(engine.call(argv("DUMP", key)));
            assertEquals("+OK\r\n", text(redis.call(argv("RESTORE", key + "-back", "0", ours))), key);
            read[1] = (key + "-back").getBytes(StandardCharsets.US_ASCII);
            assertEquals(contents, sorted(redis.call(read)), key + " back in redis");
        }
    }

    private static List<String> sorted(byte[] arrayReply) {
        List<String> items = new ArrayList<>();
        for (byte[] b : RawRespClient.arrayElements(arrayReply)) items.add(text(b));
        items.sort(null);
        return items;
    }

    /** Random corruption behind a valid checksum: an error reply or a stored value, never a throw. */
    @Test
    void fuzzedPayloadsWithValidChecksumsOnlyGiveReplies() {
        EngineRunner engine = new EngineRunner();
        redis.callString("FLUSHALL");
        redis.callString("SET", "s", "abc".repeat(100));
        redis.callString("SET", "i", "-7000");
        List<String> list = new ArrayList<>(List.of("RPUSH", "l"));
        for (int i = 0; i < 300; i++) list.add(i % 3 == 0 ? Integer.toString(i * 997) : "e" + i);
        redis.call(argv(list.toArray()));
        Random r = new Random(17);
        int stored = 0;
        for (String key : List.of("s", "i", "l")) {
            byte[] payload = bulk(redis.call(argv("dump", key)));
            byte[] object = Arrays.copyOf(payload, payload.length - 10);
            for (int n = 0; n < 3000; n++) {
                byte[] bad = object.clone();
                for (int flips = 1 + r.nextInt(3); flips > 0; flips--) bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
                byte[] reply = engine.call(argv("restore", "k", "0", DumpPayload.frame(bad), "replace"));
                String t = text(reply);
                assertTrue(t.equals("+OK\r\n") || t.equals("-ERR Bad data format\r\n") || t.contains("not supported yet"), t);
                if (t.startsWith("+")) stored++;
                else assertEquals(":0\r\n", text(engine.call(argv("exists", "k"))));
                engine.call(argv("del", "k"));
            }
        }
        assertTrue(stored > 0 && stored < 9000, "stored " + stored);
    }
}
