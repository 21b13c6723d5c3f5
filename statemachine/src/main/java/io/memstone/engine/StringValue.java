package io.memstone.engine;

import java.util.Arrays;

/**
 * A Redis string, with the OBJECT ENCODING Redis 7.0 would give it.
 *
 * <p>Most strings are stored whole and never change. APPEND, SETRANGE, SETBIT and BITFIELD
 * change a string in place, as Redis does with a "raw" sds, so they cost O(change) rather
 * than O(length): the first such write copies the bytes into a private buffer with spare
 * room (sds' greedy growth), later ones write into it. Any array handed out by {@link
 * #bytes()} or taken in by a constructor may be held elsewhere (a reply, argv, a snapshot),
 * so it is marked shared and the next write copies first: a handed-out array never changes.
 */
public final class StringValue extends RedisValue {
    /** sds' SDS_MAX_PREALLOC: growth doubles up to 1 MB, then adds 1 MB. */
    private static final int MAX_PREALLOC = 1024 * 1024;

    private static final byte INT = 0, EMBSTR = 1, RAW = 2;
    /** Redis' OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
    private static final int EMBSTR_LIMIT = 44;

    private byte[] buf;
    private int length;
    private byte encoding;
    /** True while {@link #buf} may be referenced outside this value. */
    private boolean shared;

    /** A string as SET stores it (Redis' tryObjectEncoding): "int", "embstr" or "raw". */
    public StringValue(byte[] bytes) {
        this(bytes, bytes.length <= 20 && Numbers.string2ll(bytes).isPresent() ? INT : unencoded(bytes));
    }

    private StringValue(byte[] bytes, byte encoding) {
        this.buf = bytes;
        this.length = bytes.length;
        this.encoding = encoding;
        this.shared = true;
    }

    /** A string built as text, never integer-encoded (Redis' createStringObject: INCRBYFLOAT). */
    static StringValue text(byte[] bytes) {
        return new StringValue(bytes, unencoded(bytes));
    }

    /** A string Redis builds as a raw sds (BITOP's result); the array is taken over. */
    static StringValue raw(byte[] bytes) {
        StringValue v = new StringValue(bytes, RAW);
        v.shared = false;
        return v;
    }

    /**
     * A string Redis keeps as a raw sds however short: an HLL, which PFADD, PFMERGE and PFCOUNT
     * create (createHLLObject) or unshare (dbUnshareStringValue). The array may be shared.
     */
    static StringValue rawShared(byte[] bytes) {
        return new StringValue(bytes, RAW);
    }

    /** A zero-filled raw string (SETRANGE and the bit commands on a missing key). */
    static StringValue zeros(long length) {
        return raw(new byte[Math.toIntExact(length)]);
    }

    private static byte unencoded(byte[] bytes) {
        return bytes.length <= EMBSTR_LIMIT ? EMBSTR : RAW;
    }

    /** The contents. The array must not be modified; it never changes afterwards. */
    public byte[] bytes() {
        if (buf.length != length) return Arrays.copyOf(buf, length);
        shared = true;
        return buf;
    }

    public int length() {
        return length;
    }

    /**
     * The backing array, for reading the first {@link #length()} bytes during one command
     * without a copy. Not to be kept or modified.
     */
    byte[] peek() {
        return buf;
    }

    /**
     * Redis' dbUnshareStringValue + sdsgrowzero: the string becomes a privately owned one at
     * least {@code minLength} long (new bytes zero), ready for {@link #write} and {@link
     * #buffer}; from then on it reports "raw", as Redis' does. Bytes past the length are
     * always zero, since the length only grows. The caller has checked the size limit.
     */
    StringValue writable(long minLength) {
        int newLength = Math.toIntExact(Math.max(minLength, length));
        if (shared || newLength > buf.length) {
            buf = Arrays.copyOf(buf, newLength > length ? grownCapacity(newLength) : length);
            shared = false;
        }
        length = newLength;
        encoding = RAW;
        return this;
    }

    private static int grownCapacity(int needed) {
        long grown = needed < MAX_PREALLOC ? 2L * needed : (long) needed + MAX_PREALLOC;
        return (int) Math.min(grown, Integer.MAX_VALUE - 8);
    }

    /** Writes {@code src} at {@code offset}; the string must already be writable that far. */
    void write(int offset, byte[] src) {
        System.arraycopy(src, 0, buf, offset, src.length);
    }

    /** The array a {@link #writable} string is written through, valid up to {@link #length()}. */
    byte[] buffer() {
        if (shared) throw new IllegalStateException("not writable");
        return buf;
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String encoding() {
        return encoding == INT ? "int" : encoding == EMBSTR ? "embstr" : "raw";
    }

    @Override
    public StringValue copy() {
        return new StringValue(Arrays.copyOf(buf, length), encoding);
    }

    @Override
    public void digestInto(java.security.MessageDigest md) {
        md.update(buf, 0, length);
    }
}
