package io.memstone.raft;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
    /** RocksDB's handles crash the process when used after close: every use checks, close waits for uses. */
    private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
    private boolean closed;

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
        whileOpen(() -> {
            db.put(writeOptions, key(index), payload);
            return null;
        });
    }

    /** The payload at {@code index}, or null when none was stored. */
    byte[] get(long index) throws RocksDBException {
        return whileOpen(() -> db.get(key(index)));
    }

    void sync() throws RocksDBException {
        whileOpen(() -> {
            db.syncWal();
            return null;
        });
    }

    /** Removes every payload at {@code fromIndex} and after (Raft truncated the log there). */
    void truncateFrom(long fromIndex) throws RocksDBException {
        whileOpen(() -> {
            db.deleteRange(writeOptions, key(fromIndex), key(Long.MAX_VALUE));
            db.syncWal();
            return null;
        });
    }

    /** Removes every payload before {@code index} (Raft purged the log up to there). */
    void deleteBefore(long index) throws RocksDBException {
        whileOpen(() -> {
            db.deleteRange(writeOptions, key(0), key(index));
            return null;
        });
    }

    /** A RocksDB integer property ({@code rocksdb.estimate-num-keys}...), for metrics. */
    long property(String name) throws RocksDBException {
        return whileOpen(() -> db.getLongProperty(name));
    }

    private static byte[] key(long index) {
        return ByteBuffer.allocate(Long.BYTES).putLong(index).array();
    }

    private interface StoreCall<T> {
        T call() throws RocksDBException;
    }

    private <T> T whileOpen(StoreCall<T> call) throws RocksDBException {
        closing.readLock().lock();
        try {
            if (closed) throw new RocksDBException("the log payload store is closed");
            return call.call();
        } finally {
            closing.readLock().unlock();
        }
    }

    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            db.close();
            writeOptions.close();
            options.close();
        } finally {
            closing.writeLock().unlock();
        }
    }
}
