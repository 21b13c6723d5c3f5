package io.memstone.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.junit.jupiter.api.io.TempDir;

class LogPayloadStoreTest {
    @TempDir
    Path dir;

    @Test
    void payloadsSurviveReopenAndTruncationRemovesFromTheIndexOn() throws Exception {
        try (LogPayloadStore store = new LogPayloadStore(dir)) {
            for (long i = 1; i <= 300; i++) store.put(i, ("entry-" + i).getBytes());
            store.sync();
        }
        try (LogPayloadStore store = new LogPayloadStore(dir)) {
            assertArrayEquals("entry-256".getBytes(), store.get(256), "index 256 must not collide with 0");
            store.truncateFrom(200);
            assertArrayEquals("entry-199".getBytes(), store.get(199));
            assertNull(store.get(200));
            assertNull(store.get(300));
            store.put(200, "rewritten".getBytes());
            assertArrayEquals("rewritten".getBytes(), store.get(200));
        }
    }

    @Test
    void aSyncAfterCloseIsRefusedInsteadOfReachingAClosedHandle() throws Exception {
        LogPayloadStore store = new LogPayloadStore(dir);
        store.put(1, "entry".getBytes());
        store.close();
        // A sync Ratis asked for just before shutdown: on RocksDB's closed handle it would crash the JVM.
        assertThrows(RocksDBException.class, store::sync);
        assertThrows(RocksDBException.class, () -> store.get(1));
        store.close();
    }
}
