package io.memstone.rdb;

import static io.memstone.rdb.RdbFileReader.OPCODE_AUX;
import static io.memstone.rdb.RdbFileReader.OPCODE_EOF;
import static io.memstone.rdb.RdbFileReader.OPCODE_EXPIRETIME_MS;
import static io.memstone.rdb.RdbFileReader.OPCODE_RESIZEDB;
import static io.memstone.rdb.RdbFileReader.OPCODE_SELECTDB;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes an RDB file that redis-server 7.0 loads: a version 10 header, AUX fields, then per
 * database SELECTDB, RESIZEDB and the keys (each after its EXPIRETIME_MS if it has one), the end
 * marker and the CRC-64 of all of it. Keys are streamed out one at a time.
 */
public final class RdbFileWriter implements Closeable {
    /** What the file claims to come from: the Redis version whose format it is. */
    static final String REDIS_VERSION = "7.0.0";

    private final OutputStream out;
    private long crc;
    private boolean finished;

    public RdbFileWriter(OutputStream out) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 16);
        RdbOutput header = new RdbOutput();
        header.writeBytes(RdbFileReader.MAGIC);
        header.writeBytes(String.format("%04d", DumpPayload.RDB_VERSION).getBytes(StandardCharsets.US_ASCII));
        aux(header, "redis-ver", REDIS_VERSION);
        aux(header, "redis-bits", "64");
        aux(header, "ctime", Long.toString(System.currentTimeMillis() / 1000));
        aux(header, "used-mem", "0");
        aux(header, "aof-base", "0");
        emit(header);
    }

    private static void aux(RdbOutput o, String field, String value) {
        o.writeByte(OPCODE_AUX);
        o.writeString(field.getBytes(StandardCharsets.US_ASCII));
        o.writeString(value.getBytes(StandardCharsets.US_ASCII));
    }

    /** Starts database {@code db}; the counts only size Redis' tables as it loads, so estimates do. */
    public void selectDb(int db, long keysHint, long expiresHint) throws IOException {
        RdbOutput o = new RdbOutput();
        o.writeByte(OPCODE_SELECTDB);
        o.writeLength(db);
        o.writeByte(OPCODE_RESIZEDB);
        o.writeLength(keysHint);
        o.writeLength(expiresHint);
        emit(o);
    }

    /** A key with its value; {@code expireAtMs} is Unix milliseconds, or -1 for none. */
    public void write(byte[] key, RdbValue value, long expireAtMs) throws IOException {
        RdbOutput typed = new RdbOutput();
        RdbObjectWriter.write(value, typed);
        writeTyped(key, typed.toByteArray(), expireAtMs);
    }

    /** A key with a DUMP payload's value, copied as it is (no decoding, no re-encoding). */
    public void writeDumped(byte[] key, byte[] payload, long expireAtMs) throws IOException {
        if (!DumpPayload.verify(payload)) throw new RdbFormatException("DUMP payload of a bad version or checksum");
        writeTyped(key, DumpPayload.typedObject(payload), expireAtMs);
    }

    /** The file's layout puts the key between the type byte and the object. */
    private void writeTyped(byte[] key, byte[] typedObject, long expireAtMs) throws IOException {
        RdbOutput o = new RdbOutput();
        if (expireAtMs != -1) {
            o.writeByte(OPCODE_EXPIRETIME_MS);
            o.writeLittleEndian(expireAtMs, 8);
        }
        o.writeByte(typedObject[0]);
        o.writeString(key);
        emit(o);
        emit(typedObject, 1, typedObject.length - 1);
    }

    /** The end marker and checksum; the file is complete (and flushed) after this. */
    public void finish() throws IOException {
        emit(new byte[] {(byte) OPCODE_EOF}, 0, 1);
        RdbOutput checksum = new RdbOutput();
        checksum.writeLittleEndian(crc, 8);
        out.write(checksum.toByteArray());
        out.flush();
        finished = true;
    }

    public boolean finished() {
        return finished;
    }

    private void emit(RdbOutput o) throws IOException {
        byte[] b = o.toByteArray();
        emit(b, 0, b.length);
    }

    private void emit(byte[] b, int from, int length) throws IOException {
        crc = Crc64.update(crc, b, from, length);
        out.write(b, from, length);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
