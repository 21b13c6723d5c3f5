package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
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

    /**
     * As on a node: the writer thread and commands take turns at the engine lock, and the file
     * is byte for byte the one the engine as of the capture gives.
     */
    @Test
    void aSnapshotWrittenWhileCommandsRunIsTheFileOfTheStateAtItsCapture() throws Exception {
        SnapshotWorkload workload = new SnapshotWorkload(8);
        Engine engine = workload.loaded();
        byte[] still = snapshot(engine);
        Object lock = new Object();
        SnapshotCapture capture = engine.captureSnapshot();
        workload.mutate(engine, 2000); // before any chunk is written
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.concurrent.CompletableFuture<Void> writing = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                EngineSnapshot.write(capture, lock, "shard-0", 3, 42, out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        int during = 0;
        while (!writing.isDone()) {
            synchronized (lock) {
                workload.mutate(engine, 1);
            }
            during++;
        }
        writing.join();
        synchronized (lock) {
            capture.release();
        }
        assertArrayEquals(still, out.toByteArray(), during + " commands ran while chunks were written");
    }

    /**
     * What replicas rely on after a restart or an install: the reloaded engine keeps each
     * collection's encoding and answers the same log entries, SPOP draws included, alike.
     */
    @Test
    void aReloadedEngineKeepsEncodingsAndAppliesTheLogAlike() throws IOException {
        EngineRunner runner = loaded();
        Engine original = runner.engine();
        Engine reloaded = EngineSnapshot.read(new ByteArrayInputStream(snapshot(original))).engine();
        for (String key : new String[] {"small-set", "shrunk-set", "word-set", "small-hash", "shrunk-hash",
                "small-zset", "big-zset"}) {
            byte[][] object = RawRespClient.toBytes("object", "encoding", key);
            assertEquals(resp(original.read(object, 0)), resp(reloaded.read(object, 0)), key);
        }
        Random r = new Random(3);
        for (int i = 0; i < 200; i++) {
            String key = new String[] {"small-set", "shrunk-set", "word-set"}[r.nextInt(3)];
            CommandBatch batch = batch(i, RawRespClient.toBytes("spop", key, Integer.toString(1 + r.nextInt(3))),
                    RawRespClient.toBytes("sadd", key, Integer.toString(r.nextInt(1000))));
            assertEquals(resp(original.apply(batch)), resp(reloaded.apply(batch)));
        }
        assertEquals(original.digest(), reloaded.digest());
    }

    private static String resp(Reply reply) {
        return new String(RespWriter.encode(reply, RespWriter.RESP2), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static java.util.List<String> resp(java.util.List<Reply> replies) {
        return replies.stream().map(EngineSnapshotTest::resp).toList();
    }

    private static CommandBatch batch(long seed, byte[][]... commands) {
        CommandBatch.Builder b = CommandBatch.newBuilder().setTimestampMs(1_700_000_000_000L).setSeed(seed);
        for (byte[][] argv : commands) {
            Command.Builder c = Command.newBuilder();
            for (byte[] a : argv) c.addArgs(ByteString.copyFrom(a));
            b.addCommands(c);
        }
        return b.build();
    }

    /** Every type, in each of its encodings, including ones 7.0 would not pick for the contents. */
    private static EngineRunner loaded() {
        EngineRunner runner = new EngineRunner();
        for (int i = 0; i < 200; i++) {
            run(runner, "set", "s" + i, "value " + i);
            run(runner, "rpush", "l" + (i % 7), "e" + i, "");
            if (i % 3 == 0) run(runner, "pexpire", "s" + i, Long.toString(100_000 + i));
        }
        for (int i = 0; i < 600; i++) {
            run(runner, "sadd", "shrunk-set", Integer.toString(i));
            run(runner, "hset", "shrunk-hash", "f" + i, "v");
            run(runner, "zadd", "big-zset", Integer.toString(i % 17), "m" + i);
        }
        for (int i = 10; i < 600; i++) {
            run(runner, "srem", "shrunk-set", Integer.toString(i));
            run(runner, "hdel", "shrunk-hash", "f" + i);
        }
        run(runner, "sadd", "small-set", "1", "2", "3", "40");
        run(runner, "sadd", "word-set", "a", "b", "c", "d", "e");
        run(runner, "hset", "small-hash", "f", "v", "g", "w");
        run(runner, "zadd", "small-zset", "1.5", "a", "-2", "b");
        run(runner, "pfadd", "hll", "x", "y", "z");
        run(runner, "set", "large", "x".repeat(200_000)); // longer than the reader's buffer
        return runner;
    }

    private static void run(EngineRunner runner, String... argv) {
        runner.call(RawRespClient.toBytes(argv));
    }

    private static byte[] snapshot(Engine engine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EngineSnapshot.write(engine, "shard-0", 3, 42, out);
        return out.toByteArray();
    }
}
