package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memstone.testing.RawRespClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EngineSnapshotTest {
    @Test
    void aSnapshotLoadsIntoAnEngineWithTheSameDigestAndHeader() throws IOException {
        EngineRunner runner = loaded();
        byte[] file = snapshot(runner.engine());
        EngineSnapshot.Loaded loaded = EngineSnapshot.read(new ByteArrayInputStream(file));
        assertEquals(new EngineSnapshot.Header("shard-0", 3, 42, runner.engine().keyspace().size()), loaded.header());
        assertEquals(runner.engine().digest(), loaded.engine().digest());
    }

    @Test
    void everyFlippedByteIsDetected() throws IOException {
        byte[] file = snapshot(loaded().engine());
        Random r = new Random(5);
        for (int n = 0; n < 300; n++) {
            byte[] corrupt = file.clone();
            int at = r.nextInt(corrupt.length);
            corrupt[at] ^= (byte) (1 << r.nextInt(8));
            assertThrows(IOException.class, () -> EngineSnapshot.read(new ByteArrayInputStream(corrupt)), "flip at " + at);
        }
    }

    @Test
    void everyTruncationIsDetected() throws IOException {
        byte[] file = snapshot(loaded().engine());
        for (int length = 0; length < file.length; length += 1 + length / 50) {
            byte[] truncated = Arrays.copyOf(file, length);
            assertThrows(CorruptSnapshotException.class, () -> EngineSnapshot.read(new ByteArrayInputStream(truncated)),
                    "truncated to " + length);
        }
    }

    private static EngineRunner loaded() {
        EngineRunner runner = new EngineRunner();
        for (int i = 0; i < 200; i++) {
            runner.call(RawRespClient.toBytes("set", "s" + i, "value " + i));
            runner.call(RawRespClient.toBytes("rpush", "l" + (i % 7), "e" + i, ""));
            if (i % 3 == 0) runner.call(RawRespClient.toBytes("pexpire", "s" + i, Long.toString(100_000 + i)));
        }
        return runner;
    }

    private static byte[] snapshot(Engine engine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EngineSnapshot.write(engine, "shard-0", 3, 42, out);
        return out.toByteArray();
    }
}
