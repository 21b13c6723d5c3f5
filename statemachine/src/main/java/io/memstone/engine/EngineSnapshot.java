package io.memstone.engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A shard's engine as one file. Layout (big-endian), documented in DESIGN.md's snapshot section:
 * <pre>
 *   magic "MSTNSNAP" | format version (int) | shard (UTF) | term (long) | index (long) | keys (long)
 *   keys × [ key (int length, bytes) | expire at ms or -1 (long) | value ]
 *   CRC32C of everything before it (long)
 * </pre>
 * A reader checks the magic, the version, the key count and the checksum, and that nothing
 * follows: a flipped byte or a truncated file is rejected, never loaded as wrong data.
 */
public final class EngineSnapshot {
    private static final byte[] MAGIC = {'M', 'S', 'T', 'N', 'S', 'N', 'A', 'P'};
    private static final int VERSION = 1;
    private static final int BUFFER = 1 << 16;

    private EngineSnapshot() {}

    /** Where a snapshot comes from: its shard and the last log entry it includes. */
    public record Header(String shard, long term, long index, long keys) {}

    public record Loaded(Header header, Engine engine) {}

    /** Writes the engine's whole keyspace; the caller keeps the engine still meanwhile. */
    public static void write(Engine engine, String shard, long term, long index, OutputStream out) throws IOException {
        CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(out, BUFFER), new CRC32C());
        DataOutputStream data = new DataOutputStream(checked);
        Keyspace keyspace = engine.keyspace();
        data.write(MAGIC);
        data.writeInt(VERSION);
        data.writeUTF(shard);
        data.writeLong(term);
        data.writeLong(index);
        data.writeLong(keyspace.size());
        IOException[] failure = {null};
        keyspace.forEach((key, value) -> {
            if (failure[0] != null) return;
            try {
                writeBytes(data, key.bytes());
                data.writeLong(keyspace.expireAt(key));
                SnapshotValues.write(data, value);
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) throw failure[0];
        data.flush();
        data.writeLong(checked.getChecksum().getValue());
        data.flush();
    }

    /** Reads a snapshot into a new engine; {@link CorruptSnapshotException} if any check fails. */
    public static Loaded read(InputStream in) throws IOException {
        CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(in, BUFFER), new CRC32C());
        DataInputStream data = new DataInputStream(checked);
        try {
            byte[] magic = data.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) throw new CorruptSnapshotException("not a Memstone snapshot (bad magic)");
            int version = data.readInt();
            if (version != VERSION) throw new CorruptSnapshotException("unsupported snapshot format version " + version);
            Header header = new Header(data.readUTF(), data.readLong(), data.readLong(), data.readLong());
            Engine engine = new Engine();
            Keyspace keyspace = engine.keyspace();
            for (long i = 0; i < header.keys(); i++) {
                Key key = new Key(readBytes(data));
                long expireAt = data.readLong();
                keyspace.set(key, SnapshotValues.read(data));
                if (expireAt >= 0) keyspace.setExpire(key, expireAt);
            }
            long computed = checked.getChecksum().getValue();
            long stored = data.readLong();
            if (stored != computed) throw new CorruptSnapshotException("snapshot checksum mismatch");
            if (data.read() != -1) throw new CorruptSnapshotException("unexpected bytes after the snapshot's checksum");
            return new Loaded(header, engine);
        } catch (EOFException e) {
            throw new CorruptSnapshotException("snapshot is truncated");
        }
    }

    static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /** Length-prefixed bytes; a length beyond what can exist is corruption, not an allocation. */
    static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) throw new CorruptSnapshotException("negative length in snapshot");
        byte[] b = in.readNBytes(length);
        if (b.length != length) throw new EOFException();
        return b;
    }
}
