package io.memstone.rdb;

import static io.memstone.rdb.RdbFormatException.check;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the keys of an RDB file as redis-server 7.0 writes it (RDB versions 1 to 10): the
 * "REDIS" header, opcodes and objects, then the end marker and the CRC-64 of everything
 * before the checksum (verified unless it is 0, as Redis does with rdbchecksum no). Only the
 * current object is held in memory. Anything malformed fails with {@link RdbFormatException}
 * naming the byte offset; data Memstone cannot hold (streams, module values) fails too, while
 * file-wide extras that carry no keys (function libraries, module aux data, LRU/LFU hints) are
 * skipped and listed in {@link #skipped}.
 */
public final class RdbFileReader implements Closeable {
    /** A key of database {@code db}; {@code expireAtMs} is Unix milliseconds, or -1 for none. */
    public record Entry(int db, byte[] key, RdbValue value, long expireAtMs) {}

    public static final int OPCODE_FUNCTION2 = 0xf5;
    public static final int OPCODE_FUNCTION_PRE_GA = 0xf6;
    static final int OPCODE_MODULE_AUX = 0xf7;
    static final int OPCODE_IDLE = 0xf8;
    static final int OPCODE_FREQ = 0xf9;
    static final int OPCODE_AUX = 0xfa;
    static final int OPCODE_RESIZEDB = 0xfb;
    static final int OPCODE_EXPIRETIME_MS = 0xfc;
    static final int OPCODE_EXPIRETIME = 0xfd;
    static final int OPCODE_SELECTDB = 0xfe;
    static final int OPCODE_EOF = 0xff;

    static final byte[] MAGIC = "REDIS".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_VERSION = 10;
    /** RDB 5 added the trailing checksum. */
    private static final int FIRST_CHECKSUMMED_VERSION = 5;
    private static final int CHECKSUM_BYTES = 8;
    /** Redis' RDB_MODULE_OPCODE_*: the typed items of a module's serialized data. */
    private static final int MODULE_EOF = 0;
    private static final int MODULE_SINT = 1;
    private static final int MODULE_UINT = 2;
    private static final int MODULE_FLOAT = 3;
    private static final int MODULE_DOUBLE = 4;
    private static final int MODULE_STRING = 5;

    private final InputStream stream;
    private final ChecksummedStream checksummed;
    private final RdbInput in;
    private final int version;
    private final Map<String, String> aux = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private int db;
    private boolean finished;

    /** Reads {@code length} bytes of {@code stream}: the whole RDB file. */
    public RdbFileReader(InputStream stream, long length) {
        this.stream = stream;
        this.checksummed = new ChecksummedStream(stream, length - CHECKSUM_BYTES);
        this.in = new RdbInput(checksummed, length);
        this.version = readHeader();
    }

    public static RdbFileReader open(Path file) throws IOException {
        InputStream s = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return new RdbFileReader(s, Files.size(file));
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public int version() {
        return version;
    }

    /** The AUX fields read so far (redis-ver, ctime, ...); all of them once {@link #next} returned null. */
    public Map<String, String> aux() {
        return Collections.unmodifiableMap(aux);
    }

    /** What was skipped so far, one line per item, e.g. "function library" (for a warning). */
    public List<String> skipped() {
        return Collections.unmodifiableList(skipped);
    }

    /** Bytes consumed so far, for progress reports. */
    public long position() {
        return in.position();
    }

    /** The next key, or null after the end marker and a matching checksum. */
    public Entry next() {
        if (finished) return null;
        long at = in.position();
        try {
            return readEntry();
        } catch (RdbFormatException e) {
            throw new RdbFormatException("RDB entry at byte " + at + ": " + e.getMessage());
        }
    }

    private int readHeader() {
        byte[] header = in.readBytes(MAGIC.length + 4);
        check(java.util.Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length), "not an RDB file (no REDIS header)");
        String digits = new String(header, MAGIC.length, 4, StandardCharsets.US_ASCII);
        check(digits.chars().allMatch(Character::isDigit), "bad RDB version \"" + digits + "\"");
        int v = Integer.parseInt(digits);
        check(v >= 1 && v <= MAX_VERSION, "RDB version " + v + " is not supported (1 to " + MAX_VERSION
                + ", as redis-server 7.0 writes)");
        return v;
    }

    private Entry readEntry() {
        long expireAt = -1;
        while (true) {
            int type = in.readByte();
            switch (type) {
                case OPCODE_EXPIRETIME_MS: expireAt = in.readLittleEndian(8); break;
                case OPCODE_EXPIRETIME: expireAt = (int) in.readLittleEndian(4) * 1000L; break;
                case OPCODE_IDLE: in.readLength(); break;
                case OPCODE_FREQ: in.readByte(); break;
                case OPCODE_SELECTDB: db = selectDb(); break;
                case OPCODE_RESIZEDB: in.readLength(); in.readLength(); break;
                case OPCODE_AUX: aux.put(text(in.readString()), text(in.readString())); break;
                case OPCODE_MODULE_AUX: skipModuleAux(); break;
                case OPCODE_FUNCTION2:
                    in.readString();
                    skipped.add("function library");
                    break;
                case OPCODE_FUNCTION_PRE_GA: throw new RdbFormatException("pre-release (7.0 RC) function format");
                case OPCODE_EOF:
                    finish();
                    return null;
                default: return object(type, expireAt);
            }
        }
    }

    private int selectDb() {
        long n = in.readLength();
        check(n <= Integer.MAX_VALUE, "database number " + n);
        return (int) n;
    }

    private Entry object(int type, long expireAt) {
        byte[] key = in.readString();
        try {
            return new Entry(db, key, RdbObjectReader.read(type, in), expireAt);
        } catch (RdbFormatException e) {
            throw new RdbFormatException("key \"" + text(key) + "\": " + e.getMessage());
        }
    }

    /** Module-wide data: without the module it means nothing here (redis-check-rdb skips it the same way). */
    private void skipModuleAux() {
        long moduleId = in.readLength();
        check(in.readLength() == MODULE_UINT, "module aux data without its 'when' field");
        in.readLength();
        while (true) {
            int opcode = (int) in.readLength();
            if (opcode == MODULE_EOF) break;
            switch (opcode) {
                case MODULE_SINT:
                case MODULE_UINT: in.readLength(); break;
                case MODULE_FLOAT: in.readBytes(4); break;
                case MODULE_DOUBLE: in.readBytes(8); break;
                case MODULE_STRING: in.readString(); break;
                default: throw new RdbFormatException("unknown module data opcode " + opcode);
            }
        }
        skipped.add("aux data of module id " + Long.toHexString(moduleId));
    }

    private void finish() {
        if (version < FIRST_CHECKSUMMED_VERSION) {
            check(in.remaining() == 0, in.remaining() + " bytes after the end marker");
        } else {
            check(in.remaining() == CHECKSUM_BYTES, "the end marker is followed by " + in.remaining()
                    + " bytes, not an 8-byte checksum");
            long expected = in.readLittleEndian(CHECKSUM_BYTES);
            long actual = checksummed.crc;
            check(expected == 0 || expected == actual, String.format(
                    "checksum mismatch: the file says %016x, its contents give %016x", expected, actual));
        }
        finished = true;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    /** Feeds the CRC-64 with the bytes that pass, up to a limit: the checksum itself is not covered. */
    private static final class ChecksummedStream extends FilterInputStream {
        long crc;
        private long left;

        ChecksummedStream(InputStream in, long limit) {
            super(in);
            this.left = Math.max(0, limit);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && left > 0) {
                int covered = (int) Math.min(n, left);
                crc = Crc64.update(crc, b, off, covered);
                left -= covered;
            }
            return n;
        }
    }
}
