package io.memstone.node.rdb;

import io.memstone.rdb.DumpPayload;
import io.memstone.rdb.RdbFileReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the keys of an RDB file to a server as RESTORE key expire-at payload ABSTTL: ordinary
 * writes, committed and replicated like any other. Commands are pipelined in batches, and a
 * batch goes out before the previous one's replies are read, so the server always has the next
 * batch queued while one commits. Error replies are reported with their key; the import goes on.
 */
final class RdbImporter {
    record Result(long imported, long expired, long otherDbs, long failed, List<String> skipped, String summary) {}

    /** Small enough that a batch stays far below Raft's 32 MB append buffer, large enough to amortize a commit. */
    static final int MAX_BATCH_KEYS = 1000;
    static final int MAX_BATCH_BYTES = 4 << 20;
    /** Batches sent and not yet answered. */
    private static final int WINDOW = 2;
    private static final int MAX_ERRORS_SHOWN = 10;
    private static final byte[] RESTORE = RespConnection.ascii("RESTORE");
    private static final byte[] REPLACE = RespConnection.ascii("REPLACE");
    private static final byte[] ABSTTL = RespConnection.ascii("ABSTTL");

    private final String host;
    private final int port;
    private final boolean replace;
    private final int db;
    private final PrintStream out;
    private final PrintStream err;
    private long imported;
    private long failed;

    RdbImporter(String host, int port, boolean replace, int db, PrintStream out, PrintStream err) {
        this.host = host;
        this.port = port;
        this.replace = replace;
        this.db = db;
        this.out = out;
        this.err = err;
    }

    Result run(Path file) throws IOException {
        long size = Files.size(file);
        Progress progress = new Progress(out, "imported");
        long expired = 0;
        long otherDbs = 0;
        try (RdbFileReader reader = RdbFileReader.open(file); RespConnection conn = new RespConnection(host, port)) {
            ArrayDeque<List<byte[]>> inFlight = new ArrayDeque<>();
            List<byte[]> batch = new ArrayList<>();
            long batchBytes = 0;
            for (RdbFileReader.Entry e = reader.next(); e != null; e = reader.next()) {
                if (e.db() != db) {
                    otherDbs++;
                    continue;
                }
                // Redis drops such keys as it loads a file; RESTORE would store nothing either.
                if (e.expireAtMs() != -1 && e.expireAtMs() <= System.currentTimeMillis()) {
                    expired++;
                    continue;
                }
                byte[] payload = DumpPayload.create(e.value());
                conn.send(restore(e.key(), e.expireAtMs(), payload));
                batch.add(e.key());
                batchBytes += payload.length + e.key().length;
                if (batch.size() >= MAX_BATCH_KEYS || batchBytes >= MAX_BATCH_BYTES) {
                    conn.flush();
                    inFlight.add(batch);
                    batch = new ArrayList<>();
                    batchBytes = 0;
                    if (inFlight.size() >= WINDOW) readReplies(conn, inFlight.poll());
                    progress.update(imported, String.format("%.0f%% of %s", 100.0 * reader.position() / size, file));
                }
            }
            conn.flush();
            inFlight.add(batch);
            while (!inFlight.isEmpty()) readReplies(conn, inFlight.poll());
            return new Result(imported, expired, otherDbs, failed, reader.skipped(), progress.summary(imported));
        }
    }

    private byte[][] restore(byte[] key, long expireAtMs, byte[] payload) {
        byte[] ttl = RespConnection.ascii(Long.toString(expireAtMs == -1 ? 0 : expireAtMs));
        return replace ? new byte[][] {RESTORE, key, ttl, payload, REPLACE, ABSTTL}
                : new byte[][] {RESTORE, key, ttl, payload, ABSTTL};
    }

    private void readReplies(RespConnection conn, List<byte[]> keys) throws IOException {
        for (byte[] key : keys) {
            Object reply = conn.read();
            if (!(reply instanceof RespConnection.Error error)) {
                imported++;
            } else if (++failed <= MAX_ERRORS_SHOWN) {
                err.println("key " + KeyText.of(key) + ": " + error.message());
            } else if (failed == MAX_ERRORS_SHOWN + 1) {
                err.println("(further errors are counted, not shown)");
            }
        }
    }
}
