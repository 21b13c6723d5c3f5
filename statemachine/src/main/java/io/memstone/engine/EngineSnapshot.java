package io.memstone.engine;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * A shard's engine as one file. Layout (big-endian), documented in DESIGN.md's snapshot section:
 * <pre>
 *   magic "MSTNSNAP" | format version (int) | shard (UTF) | term (long) | index (long) | keys (long)
 *   keys × [ key (int length, bytes) | expire at ms or -1 (long) | value ], in the keyspace's order
 *     (bit-reversed hash, then key: see {@link Dict#position}), so equal states give equal files
 *   applied batches (int) × [ proposer (bytes) | sequence (long) | replies (int) × reply (bytes) ]
 *   closed slot ranges (int) × [ first (int) | last (int) ]
 *   cached scripts (int) × body (bytes), in load order
 *   function libraries (int) × code (bytes), in load order (from version 7)
 *   WATCH versions: counter (long) | buckets set (int) × [ bucket (int) | version (long) ]
 *   encoding limits: version (long) | count (int) × value (long), in {@link EncodingLimits#NAMES} order (from version 8)
 *   CRC32C of everything before it (long)
 * </pre>
 * A reader checks the magic, the version, the key count and the checksum, and that nothing
 * follows: a flipped byte or a truncated file is rejected, never loaded as wrong data.
 */
public final class EngineSnapshot {
    private static final byte[] MAGIC = {'M', 'S', 'T', 'N', 'S', 'N', 'A', 'P'};
    /**
     * 3: closed slots after the applied batches; 4: the script cache after them; 5: WATCH
     * versions last; 6: streams; 7: function libraries after the scripts; 8: encoding limits after
     * the WATCH versions. A version 5 file holds no stream, a version 6 file no library, and one
     * before 8 has the default limits: all read as they are.
     */
    private static final int VERSION = 8;
    private static final int FIRST_WITH_FUNCTIONS = 7;
    private static final int FIRST_WITH_LIMITS = 8;
    private static final int OLDEST_READABLE = 5;
    private static final int BUFFER = 1 << 16;

    private EngineSnapshot() {}

    /** Where a snapshot comes from: its shard and the last log entry it includes. */
    public record Header(String shard, long term, long index, long keys) {}

    public record Loaded(Header header, Engine engine) {}

    /** What writing a capture took: the longest the engine lock was held for one chunk. */
    public record Written(long longestHoldNanos) {}

    /** Writes the engine's whole keyspace now; the caller keeps the engine still meanwhile. */
    public static void write(Engine engine, String shard, long term, long index, OutputStream out) throws IOException {
        SnapshotCapture capture = engine.captureSnapshot();
        try {
            write(capture, new Object(), shard, term, index, out);
        } finally {
            capture.release();
        }
    }

    /**
     * Writes a capture, holding {@code engineLock} for one chunk of entries at a time: commands
     * run between chunks, and the capture saves what they change before the walk reaches it.
     * The caller releases the capture afterwards (under the lock).
     */
    public static Written write(SnapshotCapture capture, Object engineLock, String shard, long term, long index,
                                OutputStream out) throws IOException {
        CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(out, BUFFER), new CRC32C());
        DataOutputStream data = new DataOutputStream(checked);
        data.write(MAGIC);
        data.writeInt(VERSION);
        data.writeUTF(shard);
        data.writeLong(term);
        data.writeLong(index);
        data.writeLong(capture.size());
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(BUFFER);
        DataOutputStream chunkData = new DataOutputStream(chunk);
        SnapshotCapture.Sink sink = (key, expireAt, value) -> writeEntry(chunkData, key, expireAt, value);
        long longestHold = 0;
        boolean more;
        do {
            chunk.reset();
            synchronized (engineLock) {
                long started = System.nanoTime();
                more = capture.writeNext(sink);
                longestHold = Math.max(longestHold, System.nanoTime() - started);
            }
            chunkData.flush();
            chunk.writeTo(data);
        } while (more);
        data.writeInt(capture.batches().size());
        for (AppliedBatches.Batch b : capture.batches()) {
            writeBytes(data, b.proposer().toByteArray());
            data.writeLong(b.sequence());
            data.writeInt(b.replies().size());
            for (Reply r : b.replies()) writeBytes(data, ReplyCodec.encode(r));
        }
        data.writeInt(capture.closedSlots().size());
        for (int[] r : capture.closedSlots()) {
            data.writeInt(r[0]);
            data.writeInt(r[1]);
        }
        data.writeInt(capture.scripts().size());
        for (byte[] body : capture.scripts()) writeBytes(data, body);
        data.writeInt(capture.functions().size());
        for (byte[] code : capture.functions()) writeBytes(data, code);
        capture.versions().write(data);
        capture.limits().write(data);
        data.flush();
        data.writeLong(checked.getChecksum().getValue());
        data.flush();
        return new Written(longestHold);
    }

    /** One key of the snapshot, as the file holds it. */
    static void writeEntry(DataOutputStream out, Key key, long expireAt, RedisValue value) throws IOException {
        writeBytes(out, key.bytes());
        out.writeLong(expireAt);
        SnapshotValues.write(out, value);
    }

    /** Reads a snapshot into a new engine; {@link CorruptSnapshotException} if any check fails. */
    public static Loaded read(InputStream in) throws IOException {
        SnapshotInput data = new SnapshotInput(in);
        try {
            byte[] magic = data.readExactly(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) throw new CorruptSnapshotException("not a Memstone snapshot (bad magic)");
            int version = data.readInt();
            if (version < OLDEST_READABLE || version > VERSION) throw new CorruptSnapshotException("unsupported snapshot format version " + version);
            Header header = new Header(data.readUTF(), data.readLong(), data.readLong(), data.readLong());
            Engine engine = new Engine();
            Keyspace keyspace = engine.keyspace();
            keyspace.reserve(header.keys());
            // Access state only, never replicated state: the loaded keys count as just used.
            keyspace.setClock(System.currentTimeMillis());
            for (long i = 0; i < header.keys(); i++) {
                Key key = new Key(data.readBytes());
                long expireAt = data.readLong();
                keyspace.set(key, SnapshotValues.read(data, engine.limits()));
                if (expireAt >= 0) keyspace.setExpire(key, expireAt);
            }
            for (int b = data.readCount(); b > 0; b--) {
                ByteString proposer = ByteString.copyFrom(data.readBytes());
                long sequence = data.readLong();
                List<Reply> replies = new ArrayList<>();
                for (int r = data.readCount(); r > 0; r--) replies.add(decodeReply(data.readBytes()));
                engine.appliedBatches().record(proposer, sequence, replies);
            }
            for (int r = data.readCount(); r > 0; r--) {
                int first = data.readInt();
                int last = data.readInt();
                if (first < 0 || first > last || last >= io.memstone.command.Slots.COUNT) {
                    throw new CorruptSnapshotException("bad closed slot range " + first + "-" + last);
                }
                engine.slots().close(first, last);
            }
            for (int n = data.readCount(); n > 0; n--) engine.scripts().restore(data.readBytes());
            if (version >= FIRST_WITH_FUNCTIONS) {
                for (int n = data.readCount(); n > 0; n--) restoreLibrary(engine, data.readBytes());
            }
            keyspace.versions().read(data);
            if (version >= FIRST_WITH_LIMITS) engine.limits().read(data);
            long computed = data.checksum();
            if (data.readLong() != computed) throw new CorruptSnapshotException("snapshot checksum mismatch");
            if (!data.atEnd()) throw new CorruptSnapshotException("unexpected bytes after the snapshot's checksum");
            return new Loaded(header, engine);
        } catch (EOFException e) {
            throw new CorruptSnapshotException("snapshot is truncated");
        }
    }

    private static void restoreLibrary(Engine engine, byte[] code) throws CorruptSnapshotException {
        Reply loaded = engine.functions().load(code, false);
        if (loaded.isError()) throw new CorruptSnapshotException("a function library does not load: " + loaded);
    }

    private static Reply decodeReply(byte[] bytes) throws CorruptSnapshotException {
        try {
            return ReplyCodec.decode(bytes);
        } catch (RuntimeException e) {
            throw new CorruptSnapshotException("unreadable reply in snapshot: " + e.getMessage());
        }
    }

    static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }
}
