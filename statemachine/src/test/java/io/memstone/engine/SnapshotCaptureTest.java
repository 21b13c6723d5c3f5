package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A snapshot's capture, driven a chunk at a time with commands in between (as the engine lock
 * interleaves them on a node), must hand over exactly the entries a still engine would have.
 */
class SnapshotCaptureTest {
    @Test
    void theWrittenEntriesAreTheStateAtTheCaptureWhateverRunsBetweenChunks() throws IOException {
        for (int seed = 0; seed < 8; seed++) {
            SnapshotWorkload workload = new SnapshotWorkload(seed);
            Engine engine = workload.loaded();
            List<String> expected = stillEntries(engine);
            String before = engine.digest();
            SnapshotCapture capture = engine.captureSnapshot();
            int[] chunk = {0};
            // Early chunks get many commands, so most keys change before the walk reaches them.
            List<String> written = entries(capture, () -> workload.mutate(engine, chunk[0]++ < 5 ? 1500 : 100));
            capture.release();
            assertSameEntries(expected, written, "seed " + seed);
            assertNotEquals(before, engine.digest(), "the commands changed the engine");
        }
    }

    /**
     * A change without a lookup (a new expiry, a delete) saves the value by reference; if that
     * value is still live (re-expired, or moved to another key) it is copied before it changes.
     */
    @Test
    void aSavedValueThatIsStillLiveIsCopiedBeforeItChangesInPlace() throws IOException {
        SnapshotWorkload workload = new SnapshotWorkload(2);
        Engine engine = new Engine();
        workload.apply(engine, "rpush", "expired-later", "a", "b");
        workload.apply(engine, "rpush", "moved", "c", "d");
        List<String> expected = stillEntries(engine);
        SnapshotCapture capture = engine.captureSnapshot();
        Keyspace keyspace = engine.keyspace();
        Key reExpired = new Key("expired-later".getBytes());
        keyspace.setExpire(reExpired, SnapshotWorkload.T0 + 1000);
        ((ListValue) keyspace.getExpiring(reExpired, SnapshotWorkload.T0)).push(ListValue.End.HEAD, new byte[] {'x'});
        Key moved = new Key("moved".getBytes());
        Key movedTo = new Key("moved-to".getBytes());
        RedisValue value = keyspace.get(moved, SnapshotWorkload.T0);
        keyspace.delete(moved);
        keyspace.set(movedTo, value);
        ((ListValue) keyspace.getExpiring(movedTo, SnapshotWorkload.T0)).push(ListValue.End.HEAD, new byte[] {'y'});
        List<String> written = entries(capture, () -> { });
        capture.release();
        assertSameEntries(expected, written, "values changed in place after a change without a lookup");
    }

    /** FLUSHALL mid-snapshot empties the keyspace at once; the snapshot still holds every key. */
    @Test
    void flushallDuringASnapshotLeavesItTheStateAtTheCapture() throws IOException {
        SnapshotWorkload workload = new SnapshotWorkload(21);
        Engine engine = workload.loaded();
        List<String> expected = stillEntries(engine);
        SnapshotCapture capture = engine.captureSnapshot();
        int[] chunk = {0};
        List<String> written = entries(capture, () -> {
            if (chunk[0]++ == 3) workload.apply(engine, "flushall");
            workload.mutate(engine, 300);
        });
        capture.release();
        assertSameEntries(expected, written, "flushall after 3 chunks");
    }

    /**
     * Keys deleted ahead of the walk leave a small table and many saved keys: a chunk still
     * hands over a bounded number of entries, so the lock is never held for most of them.
     */
    @Test
    void deletingMostKeysAheadOfTheWalkKeepsChunksSmall() throws IOException {
        SnapshotWorkload workload = new SnapshotWorkload(5);
        Engine engine = workload.loaded();
        List<String> expected = stillEntries(engine);
        SnapshotCapture capture = engine.captureSnapshot();
        List<byte[]> keys = new ArrayList<>();
        engine.keyspace().keys(new byte[] {'*'}, 0).forEach(k -> keys.add(k.bytes()));
        for (byte[] k : keys.subList(0, keys.size() - 50)) workload.apply(engine, "del", new String(k));
        List<String> written = new ArrayList<>();
        int[] handed = {0};
        boolean more;
        do {
            handed[0] = 0;
            more = capture.writeNext((key, expireAt, value) -> {
                written.add(entry(key, expireAt, value));
                handed[0]++;
            });
            assertTrue(handed[0] <= 2 * SnapshotCapture.CHUNK, handed[0] + " entries in one chunk");
        } while (more);
        capture.release();
        assertSameEntries(expected, written, "after deleting all but 50 keys");
    }

    /** Replicas with equal data write identical files, however their tables got to their sizes. */
    @Test
    void equalStatesGiveIdenticalSnapshotsWhateverTheirHistory() throws IOException {
        Engine direct = new SnapshotWorkload(9).loaded();
        SnapshotWorkload detour = new SnapshotWorkload(9);
        Engine grownAndShrunk = detour.loaded();
        for (int i = 0; i < 60_000; i++) detour.apply(grownAndShrunk, "set", "extra" + i, "x");
        for (int i = 0; i < 60_000; i++) detour.apply(grownAndShrunk, "del", "extra" + i);
        assertEquals(direct.digest(), grownAndShrunk.digest());
        // The keys' part only: the file's WATCH versions record the detour, as they must.
        assertEquals(stillEntries(direct), stillEntries(grownAndShrunk));
    }

    /** The entries of a capture written with nothing running in between. */
    private static List<String> stillEntries(Engine engine) throws IOException {
        SnapshotCapture capture = engine.captureSnapshot();
        try {
            return entries(capture, () -> { });
        } finally {
            capture.release();
        }
    }

    private static List<String> entries(SnapshotCapture capture, Runnable betweenChunks) throws IOException {
        List<String> out = new ArrayList<>();
        while (capture.writeNext((key, expireAt, value) -> out.add(entry(key, expireAt, value)))) {
            betweenChunks.run();
        }
        return out;
    }

    /** The key, readable, then the entry's bytes in the file. */
    private static String entry(Key key, long expireAt, RedisValue value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EngineSnapshot.writeEntry(new DataOutputStream(bytes), key, expireAt, value);
        return key + " " + HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static void assertSameEntries(List<String> expected, List<String> written, String context) {
        for (int i = 0; i < Math.min(expected.size(), written.size()); i++) {
            if (!expected.get(i).equals(written.get(i))) {
                fail(context + ": entry " + i + " should be " + expected.get(i) + " but was " + written.get(i));
            }
        }
        assertEquals(expected.size(), written.size(), context + ": entries written");
    }
}
