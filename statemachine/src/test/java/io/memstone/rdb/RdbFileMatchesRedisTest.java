package io.memstone.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Whole RDB files against redis-server 7.0: the reader must see in Redis' own dump.rdb exactly
 * what Redis reports, and Redis must load the writer's file to the same keys, values and expiries.
 */
class RdbFileMatchesRedisTest {
    @Test
    void readsRedisDumpAndRedisLoadsWhatTheWriterWrites() throws IOException {
        Path written = Files.createTempFile("memstone-rdb-", ".rdb");
        try (RedisServerProcess source = RedisServerProcess.start(); RawRespClient redis = source.connect()) {
            RdbDataset.load(redis, 1);
            redis.call(RawRespClient.toBytes("select", "2"));
            redis.call(RawRespClient.toBytes("set", "in-db-2", "x"));
            redis.call(RawRespClient.toBytes("select", "0"));
            assertEquals("+OK\r\n", redis.callString("SAVE"));
            Map<String, List<String>> expected = KeyContents.all(redis);
            Map<String, Long> expectedExpiries = KeyContents.expiries(redis);
            assertTrue(expected.size() > 60 && expectedExpiries.size() >= 7);
            assertEquals(java.util.Set.of("int", "embstr", "raw", "quicklist", "listpack", "hashtable", "intset", "skiplist"),
                    encodings(redis, expected.keySet()));

            Map<String, List<String>> read = new TreeMap<>();
            Map<String, Long> readExpiries = new TreeMap<>();
            try (RdbFileReader r = RdbFileReader.open(source.dir().resolve(RedisServerProcess.DUMP_FILE));
                    OutputStream out = Files.newOutputStream(written);
                    RdbFileWriter w = new RdbFileWriter(out)) {
                w.selectDb(0, expected.size(), expectedExpiries.size());
                for (RdbFileReader.Entry e = r.next(); e != null; e = r.next()) {
                    if (e.db() == 2) {
                        assertEquals("in-db-2", Resp.text(e.key()));
                        continue;
                    }
                    read.put(Resp.text(e.key()), KeyContents.of(e.value()));
                    if (e.expireAtMs() != -1) readExpiries.put(Resp.text(e.key()), e.expireAtMs());
                    w.write(e.key(), e.value(), e.expireAtMs());
                }
                w.finish();
                assertTrue(r.aux().get("redis-ver").startsWith("7."), r.aux().toString());
            }
            assertEquals(expected, read);
            assertEquals(expectedExpiries, readExpiries);

            try (RedisServerProcess loaded = RedisServerProcess.loading(written); RawRespClient copy = loaded.connect()) {
                assertEquals(expected, KeyContents.all(copy));
                assertEquals(expectedExpiries, KeyContents.expiries(copy));
            }
        } finally {
            Files.deleteIfExists(written);
        }
    }

    private static java.util.Set<String> encodings(RawRespClient redis, java.util.Set<String> keys) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String key : keys) {
            out.add(Resp.text(Resp.bulk(redis.call(PackedBuilders.bytes("object"), PackedBuilders.bytes("encoding"),
                    PackedBuilders.bytes(key)))));
        }
        return out;
    }
}
