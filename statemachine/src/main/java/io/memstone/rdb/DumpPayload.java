package io.memstone.rdb;

/**
 * DUMP's framing: a type byte and an RDB object, then the RDB version (2 bytes) and a CRC-64
 * of everything before it (8 bytes), both little-endian.
 */
public final class DumpPayload {
    private DumpPayload() {}

    /** What redis-server 7.0 writes; RESTORE accepts this version and older ones. */
    public static final int RDB_VERSION = 10;
    private static final int FOOTER = 10;

    public static byte[] create(RdbValue value) {
        RdbOutput out = new RdbOutput();
        RdbObjectWriter.write(value, out);
        return frame(out.toByteArray());
    }

    /** A payload of an already encoded type byte and object. */
    public static byte[] frame(byte[] typedObject) {
        RdbOutput out = new RdbOutput();
        out.writeBytes(typedObject);
        out.writeLittleEndian(RDB_VERSION, 2);
        byte[] body = out.toByteArray();
        out.writeLittleEndian(Crc64.update(0, body, 0, body.length), 8);
        return out.toByteArray();
    }

    /** Redis' verifyDumpPayload: a footer, a version it can read and the right checksum. */
    public static boolean verify(byte[] payload) {
        if (payload.length < FOOTER) return false;
        RdbInput footer = new RdbInput(payload, payload.length - FOOTER, payload.length);
        if (footer.readLittleEndian(2) > RDB_VERSION) return false;
        return footer.readLittleEndian(8) == Crc64.update(0, payload, 0, payload.length - 8);
    }

    /**
     * The value of a payload that {@link #verify} accepted. As in Redis, which reads the object
     * from the whole buffer, bytes after the object are ignored and an object cut short may
     * run on into the footer.
     */
    public static RdbValue read(byte[] payload) {
        return RdbObjectReader.readTyped(new RdbInput(payload, 0, payload.length));
    }
}
