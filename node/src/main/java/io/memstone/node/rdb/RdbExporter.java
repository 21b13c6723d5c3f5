package io.memstone.node.rdb;

import io.memstone.rdb.RdbFileWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Walks a server's keys with SCAN and writes each one's DUMP payload, as it is, with its
 * PEXPIRETIME (absolute, so the time the export takes does not shift expiries) into an RDB file.
 * The file appears under its name only once complete. Not a point-in-time copy: keys written
 * during the walk may or may not be in it, as with SCAN itself.
 */
final class RdbExporter {
    record Result(long exported, String summary) {}

    private static final String SCAN_COUNT = "1000";
    private static final long NO_EXPIRY = -1;
    private static final long NO_KEY = -2;

    private final String host;
    private final int port;
    private final PrintStream out;

    RdbExporter(String host, int port, PrintStream out) {
        this.host = host;
        this.port = port;
        this.out = out;
    }

    Result run(Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Progress progress = new Progress(out, "exported");
        long exported = 0;
        try (RespConnection conn = new RespConnection(host, port);
                OutputStream stream = Files.newOutputStream(partial);
                RdbFileWriter writer = new RdbFileWriter(stream)) {
            long total = (Long) expect(conn.call(RespConnection.ascii("DBSIZE")), "DBSIZE");
            writer.selectDb(0, total, 0);
            byte[] cursor = RespConnection.ascii("0");
            do {
                List<?> page = (List<?>) expect(conn.call(RespConnection.ascii("SCAN"), cursor,
                        RespConnection.ascii("COUNT"), RespConnection.ascii(SCAN_COUNT)), "SCAN");
                cursor = (byte[]) page.get(0);
                List<?> keys = (List<?>) page.get(1);
                for (Object key : keys) {
                    conn.send(RespConnection.ascii("DUMP"), (byte[]) key);
                    conn.send(RespConnection.ascii("PEXPIRETIME"), (byte[]) key);
                }
                conn.flush();
                for (Object key : keys) {
                    byte[] payload = (byte[]) expect(conn.read(), "DUMP " + KeyText.of((byte[]) key));
                    long expireAt = (Long) expect(conn.read(), "PEXPIRETIME " + KeyText.of((byte[]) key));
                    if (payload == null || expireAt == NO_KEY) continue; // deleted or expired since SCAN
                    writer.writeDumped((byte[]) key, payload, expireAt == NO_EXPIRY ? -1 : expireAt);
                    exported++;
                }
                progress.update(exported, "of about " + total);
            } while (!(cursor.length == 1 && cursor[0] == '0'));
            writer.finish();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Result(exported, progress.summary(exported));
    }

    private static Object expect(Object reply, String command) throws IOException {
        if (reply instanceof RespConnection.Error error) throw new IOException(command + ": " + error.message());
        return reply;
    }
}
