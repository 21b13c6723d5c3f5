package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawRespClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The data bytes a shard counts ({@link Keyspace#dataBytes}): they follow the data, and replicas agree on them. */
class MemoryAccountingTest {
    private final EngineRunner runner = new EngineRunner();

    private void run(String... argv) {
        runner.call(RawRespClient.toBytes(argv));
    }

    private long bytes() {
        return runner.engine().dataBytes();
    }

    @Test
    void bytesGrowWithValuesAndReturnToZeroWhenEveryKeyIsGone() {
        assertEquals(0, bytes());
        run("set", "s", "x".repeat(1000));
        long oneString = bytes();
        assertTrue(oneString >= 1000 && oneString < 1100, "a 1000-byte string and its key: " + oneString);
        run("append", "s", "y".repeat(1000));
        assertTrue(bytes() >= oneString + 1000, "APPEND in place is counted: " + bytes());
        for (int i = 0; i < 100; i++) run("rpush", "l", "element-" + i);
        for (int i = 0; i < 100; i++) run("hset", "h", "field-" + i, "value-" + i);
        long withCollections = bytes();
        run("pexpire", "s", "100000");
        assertEquals(withCollections + MemoryEstimate.EXPIRE_ENTRY, bytes(), "an expiry adds its entry");
        run("ltrim", "l", "0", "9");
        assertTrue(bytes() < withCollections, "LTRIM in place shrinks the count");
        run("del", "s", "l", "h");
        assertEquals(0, bytes());
        run("set", "again", "v");
        run("flushall");
        assertEquals(0, bytes());
    }

    @Test
    void aReplicaAndASnapshotLoadCountTheSameBytes() throws IOException {
        Engine replica = new Engine();
        for (int i = 0; i < 300; i++) {
            applyToBoth(replica, "set", "s" + i, "value " + i);
            applyToBoth(replica, "sadd", "set", "member-" + i);
            applyToBoth(replica, "zadd", "z", Integer.toString(i), "m" + i);
            applyToBoth(replica, "xadd", "x", "*", "f", "v" + i);
            if (i % 3 == 0) applyToBoth(replica, "srem", "set", "member-" + (i / 2));
        }
        assertEquals(bytes(), replica.dataBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EngineSnapshot.write(runner.engine(), "shard-0", 1, 1, out);
        Engine loaded = EngineSnapshot.read(new ByteArrayInputStream(out.toByteArray())).engine();
        assertEquals(bytes(), loaded.dataBytes(), "a replica that loads a snapshot counts the bytes the writer did");
    }

    private void applyToBoth(Engine replica, String... argv) {
        runner.call(RawRespClient.toBytes(argv));
        replica.apply(runner.lastBatch());
    }
}
