package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.rdb.KeyContents;
import io.memstone.rdb.RdbDataset;
import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code memstone rdb import} and {@code export} against a real 3-node cluster: redis-server's
 * dump.rdb of every type and encoding imports to the same keys, values and expiries, and a
 * fresh redis-server loads the exported file to the same again.
 */
class RdbImportExportTest {
    @RegisterExtension
    static final SharedCluster SHARED = new SharedCluster();

    private Path work;

    @BeforeEach
    void setUp() throws IOException {
        work = Files.createTempDirectory("memstone-rdb-");
        try (RawRespClient memstone = memstone(0)) {
            assertEquals("+OK\r\n", memstone.callString("FLUSHALL"));
        }
    }

    @AfterEach
    void tearDown() throws IOException {
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    void redisDumpImportsAndTheExportLoadsInRedis() {
        try (RedisServerProcess source = RedisServerProcess.start(); RawRespClient redis = source.connect()) {
            RdbDataset.load(redis, 3);
            // More keys than one import batch and one SCAN page hold.
            List<String> mset = new java.util.ArrayList<>(List.of("MSET"));
            for (int i = 0; i < 2500; i++) mset.addAll(List.of("many:" + i, Integer.toString(i)));
            assertEquals("+OK\r\n", redis.callString(mset.toArray(new String[0])));
            // A key of another database, which Memstone (one database) does not import.
            redis.callString("SELECT", "1");
            redis.callString("SET", "in-db-1", "x");
            redis.callString("SELECT", "0");
            assertEquals("+OK\r\n", redis.callString("SAVE"));
            Map<String, List<String>> expected = KeyContents.all(redis);
            Map<String, Long> expiries = KeyContents.expiries(redis);
            Path dump = source.dir().resolve(RedisServerProcess.DUMP_FILE);

            // Through a follower's gateway (node 1 is not the preferred leader): writes are forwarded.
            assertEquals(0, cli("rdb", "import", "--file", dump.toString(), "--port", port(1)));
            try (RawRespClient memstone = memstone(2)) {
                assertEquals(expected, KeyContents.all(memstone));
                assertExpiriesWithinOneSecond(expiries, KeyContents.expiries(memstone));
            }
            assertEquals(1, cli("rdb", "import", "--file", dump.toString(), "--port", port(0)), "BUSYKEY without --replace");
            assertEquals(0, cli("rdb", "import", "--file", dump.toString(), "--port", port(0), "--replace"));

            Path exported = work.resolve("exported.rdb");
            assertEquals(0, cli("rdb", "export", "--port", port(2), "--file", exported.toString()));
            try (RedisServerProcess loaded = RedisServerProcess.loading(exported); RawRespClient copy = loaded.connect()) {
                assertEquals(expected, KeyContents.all(copy));
                assertExpiriesWithinOneSecond(expiries, KeyContents.expiries(copy));
            }

            assertEquals(0, cli("rdb", "import", "--file", dump.toString(), "--port", port(0), "--db", "1"));
            try (RawRespClient memstone = memstone(0)) {
                assertEquals("$1\r\nx\r\n", memstone.callString("GET", "in-db-1"));
                assertEquals(":" + (expected.size() + 1) + "\r\n", memstone.callString("DBSIZE"));
            }
        }
    }

    @Test
    void malformedFileFailsWithOneLine() throws IOException {
        Path bad = work.resolve("bad.rdb");
        Files.write(bad, "REDIS0010\u00fe".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(2, cli("rdb", "import", "--file", bad.toString(), "--port", port(0)));
        assertEquals(2, cli("rdb", "import", "--file", work.resolve("missing.rdb").toString(), "--port", port(0)));
    }

    private static void assertExpiriesWithinOneSecond(Map<String, Long> expected, Map<String, Long> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertTrue(Math.abs(expected.get(key) - actual.get(key)) <= 1000, key + ": " + expected.get(key) + " vs " + actual.get(key));
        }
    }

    static int cli(String... args) {
        return Main.commandLine().execute(args);
    }

    private static String port(int node) {
        return Integer.toString(SHARED.get().respPort(node));
    }

    private static RawRespClient memstone(int node) {
        return RawRespClient.connect("127.0.0.1", SHARED.get().respPort(node));
    }
}
