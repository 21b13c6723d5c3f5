package io.memstone.raft;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The payloads of a shard's Raft log, keyed by log index (8 bytes, big-endian, so RocksDB's
 * order is log order). Writes go to the WAL without sync; {@link #sync} makes every earlier
 * write durable and is called by Ratis before it fsyncs its own segment.
 */
final class LogPayloadStore implements Closeable {
    static {
        RocksDB.loadLibrary();
    }

    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;

    LogPayloadStore(Path dir) throws IOException {
        Files.createDirectories(dir);
        options = new Options().setCreateIfMissing(true);
        writeOptions = new WriteOptions().setSync(false);
        try {
            db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            throw new IOException("cannot open log payload store in " + dir, e);
        }
    }

    void put(long index, byte[] payload) throws RocksDBException {
        db.put(writeOptions, key(index), payload);
    }

    /** The payload at {@code index}, or null when none was stored. */
    byte[] get(long index) throws RocksDBException {
        return db.get(key(index));
    }

    void sync() throws RocksDBException {
        db.syncWal();
    }

    /** Removes every payload at {@code fromIndex} and after (Raft truncated the log there). */
    void truncateFrom(long fromIndex) throws RocksDBException {
        db.deleteRange(writeOptions, key(fromIndex), key(Long.MAX_VALUE));
        db.syncWal();
    }

    /** Removes every payload before {@code index} (Raft purged the log up to there). */
    void deleteBefore(long index) throws RocksDBException {
        db.deleteRange(writeOptions, key(0), key(index));
    }

    /** A RocksDB integer property ({@code rocksdb.estimate-num-keys}...), for metrics. */
    long property(String name) throws RocksDBException {
        return db.getLongProperty(name);
    }

    private static byte[] key(long index) {
        return ByteBuffer.allocate(Long.BYTES).putLong(index).array();
    }

    @Override
    public void close() {
        db.close();
        writeOptions.close();
        options.close();
    }
}
