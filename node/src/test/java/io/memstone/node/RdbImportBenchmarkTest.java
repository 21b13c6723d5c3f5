package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memstone.rdb.RdbFileWriter;
import io.memstone.rdb.RdbValue;
import io.memstone.testing.RawRespClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The import rate (keys/s) of {@code memstone rdb import} for 100k small string keys into a
 * 3-node cluster, printed, not asserted. Run with
 * {@code mvn -o -pl node -am verify -Dtest=RdbImportBenchmarkTest -Dmemstone.tags.exclude=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class RdbImportBenchmarkTest {
    private static final int KEYS = 100_000;

    @RegisterExtension
    static final SharedCluster SHARED = new SharedCluster();

    @Test
    void importHundredThousandSmallKeys() throws IOException {
        Path file = Files.createTempFile("memstone-bench-", ".rdb");
        try {
            try (OutputStream out = Files.newOutputStream(file); RdbFileWriter w = new RdbFileWriter(out)) {
                w.selectDb(0, KEYS, 0);
                for (int i = 0; i < KEYS; i++) {
                    byte[] value = String.format("value-%026d", i).getBytes(StandardCharsets.US_ASCII);
                    w.write(String.format("key:%08d", i).getBytes(StandardCharsets.US_ASCII), new RdbValue.RdbString(value), -1);
                }
                w.finish();
            }
            String port = Integer.toString(SHARED.get().respPort(0));
            assertEquals(0, RdbImportExportTest.cli("rdb", "import", "--file", file.toString(), "--port", port));
            try (RawRespClient c = RawRespClient.connect("127.0.0.1", SHARED.get().respPort(0))) {
                assertEquals(":" + KEYS + "\r\n", c.callString("DBSIZE"));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
