package io.memstone.engine;

import java.util.Arrays;

/**
 * Redis' HyperLogLog (hyperloglog.c, 7.0), byte for byte: a 16-byte header ("HYLL", encoding,
 * three unused bytes, the cached cardinality little-endian with its top bit meaning "stale"),
 * then 16384 registers, either dense (6 bits each, LSB first) or sparse (run-length opcodes
 * ZERO 00xxxxxx, XZERO 01xxxxxx yyyyyyyy, VAL 1vvvvvxx). The stored value is an ordinary
 * string, so the read-only checks work on its bytes; an instance is a working copy that
 * PFADD/PFMERGE edit and then store as a new string.
 *
 * <p>The working copy behaves like Redis' sds buffer: spare capacity, and the byte just past
 * the end is zero whenever the length changes, because Redis reads it when a corrupted
 * sparse HLL ends inside an XZERO opcode. Reads of stored bytes see a zero there too.
 */
final class HyperLogLog {
    static final int HEADER_SIZE = 16;
    static final int REGISTERS = 1 << 14;
    static final int DENSE_SIZE = HEADER_SIZE + REGISTERS * 6 / 8;
    /** Redis' hll-sparse-max-bytes default: a sparse HLL longer than this turns dense. */
    static final int SPARSE_MAX_BYTES = 3000;
    private static final int DENSE = 0;
    private static final int SPARSE = 1;
    private static final int ENCODING = 4;
    private static final int CACHE_TOP_BYTE = 15;
    private static final int STALE_BIT = 0x80;
    private static final int HASH_SEED = 0xadc83b19;
    /** HLL_Q: hash bits left after the 14 index bits; a run of zeros is at most Q+1 long. */
    private static final int Q = 64 - 14;
    private static final int SPARSE_VAL_MAX = 32;
    private static final int SPARSE_VAL_MAX_RUN = 4;
    private static final int SPARSE_ZERO_MAX_RUN = 64;
    private static final double ALPHA_INF = 0.721347520444481703680;

    private byte[] buf;
    private int len;

    private HyperLogLog(byte[] bytes, int capacity) {
        buf = Arrays.copyOf(bytes, capacity);
        len = bytes.length;
    }

    /** A new, empty HLL: sparse, one XZERO covering every register, cached count 0. */
    static HyperLogLog create() {
        byte[] b = new byte[HEADER_SIZE + 2];
        b[0] = 'H';
        b[1] = 'Y';
        b[2] = 'L';
        b[3] = 'L';
        b[ENCODING] = SPARSE;
        putXzero(b, HEADER_SIZE, REGISTERS);
        return new HyperLogLog(b, b.length + 4);
    }

    /**
     * A working copy of a stored HLL that {@link #isValid} accepted. A dense one never changes
     * length, so its copy is exact and {@link #bytes} hands it over without copying again.
     */
    static HyperLogLog edit(byte[] stored) {
        return new HyperLogLog(stored, isDense(stored) ? stored.length : stored.length + 4);
    }

    /** The edited bytes, to store as the key's new string; the instance is done with then. */
    byte[] bytes() {
        return buf.length == len ? buf : Arrays.copyOf(buf, len);
    }

    /**
     * Redis' isHLLObjectOrReply: the header's magic and encoding are right and a dense HLL
     * has exactly its size. A sparse body is only checked when it is walked.
     */
    static boolean isValid(byte[] s) {
        if (s.length < HEADER_SIZE || s[0] != 'H' || s[1] != 'Y' || s[2] != 'L' || s[3] != 'L') return false;
        int encoding = s[ENCODING] & 0xff;
        return encoding == SPARSE || (encoding == DENSE && s.length == DENSE_SIZE);
    }

    static boolean isDense(byte[] s) {
        return s[ENCODING] == DENSE;
    }

    boolean isDense() {
        return buf[ENCODING] == DENSE;
    }

    // ---- cached cardinality

    static boolean hasValidCache(byte[] s) {
        return (s[CACHE_TOP_BYTE] & STALE_BIT) == 0;
    }

    static long cachedCount(byte[] s) {
        long card = 0;
        for (int i = 7; i >= 0; i--) card = card << 8 | (s[8 + i] & 0xff);
        return card;
    }

    /** A copy of the HLL with {@code card} as its cached cardinality (what PFCOUNT stores). */
    static byte[] withCachedCount(byte[] s, long card) {
        byte[] out = s.clone();
        for (int i = 0; i < 8; i++) out[8 + i] = (byte) (card >>> (8 * i));
        return out;
    }

    /** Marks the cached cardinality stale, keeping its other bits as Redis does. */
    void invalidateCache() {
        buf[CACHE_TOP_BYTE] |= (byte) STALE_BIT;
    }

    // ---- hashing

    /** Redis' MurmurHash64A (endian-neutral variant). */
    static long murmurHash64A(byte[] key, int seed) {
        final long m = 0xc6a4a7935bd1e995L;
        final int r = 47;
        int n = key.length;
        long h = (seed & 0xffffffffL) ^ (n * m);
        int tail = n - (n & 7);
        for (int i = 0; i < tail; i += 8) {
            long k = 0;
            for (int j = 7; j >= 0; j--) k = k << 8 | (key[i + j] & 0xff);
            k *= m;
            k ^= k >>> r;
            k *= m;
            h ^= k;
            h *= m;
        }
        if ((n & 7) != 0) {
            for (int j = (n & 7) - 1; j >= 0; j--) h ^= (long) (key[tail + j] & 0xff) << (8 * j);
            h *= m;
        }
        h ^= h >>> r;
        h *= m;
        h ^= h >>> r;
        return h;
    }

    // ---- updates

    /**
     * PFADD of one element: 1 if a register grew, 0 if not, -1 if the sparse body is corrupted.
     * As Redis' hllPatLen, the register is the low 14 bits of the element's hash and the value
     * the length of the run of zeros (plus the closing 1) in the other 50, at most Q + 1.
     */
    int add(byte[] element) {
        long hash = murmurHash64A(element, HASH_SEED);
        return set((int) (hash & (REGISTERS - 1)), Long.numberOfTrailingZeros(hash >>> 14 | 1L << Q) + 1);
    }

    /** Raises register {@code index} to {@code count}; return as {@link #add}. */
    int set(int index, int count) {
        if (isDense()) return denseSet(index, count) ? 1 : 0;
        return sparseSet(index, count);
    }

    private boolean denseSet(int index, int count) {
        if (denseGet(buf, index) >= count) return false;
        int bit = index * 6;
        int at = HEADER_SIZE + bit / 8;
        int shift = bit & 7;
        buf[at] = (byte) (buf[at] & ~(0x3f << shift) | count << shift);
        // At bit 0 or 2 the register fits in one byte (the last one does: no write past the end).
        if (shift > 2) buf[at + 1] = (byte) (buf[at + 1] & ~(0x3f >> (8 - shift)) | count >> (8 - shift));
        return true;
    }

    /** Dense register {@code index}; the last one reads the byte past the registers, as Redis does. */
    private static int denseGet(byte[] s, int index) {
        int bit = index * 6;
        int at = HEADER_SIZE + bit / 8;
        int shift = bit & 7;
        int b1 = at + 1 < s.length ? s[at + 1] & 0xff : 0;
        return ((s[at] & 0xff) >> shift | b1 << (8 - shift)) & 0x3f;
    }

    /**
     * Redis' hllSparseSet: finds the opcode covering the register, rewrites it as up to five
     * bytes (the split run, the new VAL, the rest of the run), merges equal neighbouring VALs,
     * and turns dense when the value needs more than 5 bits or the body would outgrow
     * {@link #SPARSE_MAX_BYTES}.
     */
    private int sparseSet(int index, int count) {
        if (count > SPARSE_VAL_MAX) return promoteAndSet(index, count);
        ensureCapacity(len + 4);
        int p = HEADER_SIZE;
        int end = len;
        int first = 0;
        int prev = -1;
        int span = 0;
        while (p < end) {
            span = opcodeSpan(buf, p);
            if (index <= first + span - 1) break;
            prev = p;
            p += opcodeLength(buf[p]);
            first += span;
        }
        if (span == 0 || p >= end) return -1;
        int next = p + opcodeLength(buf[p]);
        if (next >= end) next = -1;

        int op = buf[p] & 0xff;
        boolean isVal = isVal(op);
        if (isVal) {
            if (valValue(op) >= count) return 0;
            if (span == 1) {
                buf[p] = val(count, 1);
                return mergeAndInvalidate(prev, end);
            }
        } else if (isZero(op) && span == 1) {
            buf[p] = val(count, 1);
            return mergeAndInvalidate(prev, end);
        }

        byte[] seq = new byte[5];
        int n = 0;
        int last = first + span - 1;
        if (isVal) {
            int current = valValue(op);
            if (index != first) seq[n++] = val(current, index - first);
            seq[n++] = val(count, 1);
            if (index != last) seq[n++] = val(current, last - index);
        } else {
            if (index != first) n = putZeros(seq, n, index - first);
            seq[n++] = val(count, 1);
            if (index != last) n = putZeros(seq, n, last - index);
        }

        int delta = n - opcodeLength(buf[p]);
        if (delta > 0 && len + delta > SPARSE_MAX_BYTES) return promoteAndSet(index, count);
        if (delta != 0 && next >= 0) System.arraycopy(buf, next, buf, next + delta, end - next);
        setLength(len + delta);
        System.arraycopy(seq, 0, buf, p, n);
        return mergeAndInvalidate(prev, end + delta);
    }

    /** Step 4 of hllSparseSet: up to five opcodes from the one before the change. */
    private int mergeAndInvalidate(int prev, int end) {
        int p = prev >= 0 ? prev : HEADER_SIZE;
        int scan = 5;
        while (p < end && scan-- != 0) {
            int op = buf[p] & 0xff;
            if (!isVal(op)) {
                p += opcodeLength(buf[p]);
                continue;
            }
            if (p + 1 < end && isVal(buf[p + 1] & 0xff)) {
                int v = valValue(op);
                int run = valRun(op) + valRun(buf[p + 1] & 0xff);
                if (v == valValue(buf[p + 1] & 0xff) && run <= SPARSE_VAL_MAX_RUN) {
                    buf[p + 1] = val(v, run);
                    System.arraycopy(buf, p + 1, buf, p, end - p);
                    setLength(len - 1);
                    end--;
                    continue;
                }
            }
            p++;
        }
        invalidateCache();
        return 1;
    }

    private int promoteAndSet(int index, int count) {
        if (!toDense()) return -1;
        denseSet(index, count);
        return 1;
    }

    /**
     * Redis' hllSparseToDense: same header (cached count included), dense encoding. False,
     * leaving the HLL as it was, when the opcodes do not cover exactly every register.
     */
    boolean toDense() {
        if (isDense()) return true;
        byte[] dense = new byte[DENSE_SIZE];
        System.arraycopy(buf, 0, dense, 0, HEADER_SIZE);
        dense[ENCODING] = DENSE;
        byte[] sparse = buf;
        buf = dense;
        int covered = walkSparse(sparse, len, (index, value) -> denseSet(index, value));
        if (covered != REGISTERS) {
            buf = sparse;
            return false;
        }
        len = DENSE_SIZE;
        return true;
    }

    // ---- reading

    /** Receives each register a sparse VAL opcode sets. */
    private interface RegisterVisitor {
        void visit(int index, int value);
    }

    /**
     * Walks the sparse opcodes of {@code s[HEADER_SIZE..length)}, handing each register a VAL
     * sets to the visitor, and returns the number of registers covered: {@link #REGISTERS} for
     * a valid body, -1 as soon as an opcode would pass the last register (the installed
     * redis-server carries the CVE-2025-32023 fix, which rejects any overrun).
     */
    private static int walkSparse(byte[] s, int length, RegisterVisitor visitor) {
        int index = 0;
        for (int p = HEADER_SIZE; p < length; p += opcodeLength(s[p])) {
            int op = s[p] & 0xff;
            int span = opcodeSpan(s, p);
            if (index + span > REGISTERS) return -1;
            if (isVal(op)) {
                for (int i = 0; i < span; i++) visitor.visit(index + i, valValue(op));
            }
            index += span;
        }
        return index;
    }

    /**
     * PFMERGE / multi-key PFCOUNT: raises each of {@code max}'s registers to the HLL's. False
     * when the sparse body is corrupted (max may then be partly updated).
     */
    static boolean mergeInto(byte[] max, byte[] s) {
        if (isDense(s)) {
            for (int i = 0; i < REGISTERS; i++) max[i] = (byte) Math.max(max[i], denseGet(s, i));
            return true;
        }
        return walkSparse(s, s.length, (index, value) -> max[index] = (byte) Math.max(max[index], value)) == REGISTERS;
    }

    /**
     * How many registers hold each value (0..63), or null when a sparse body does not cover
     * exactly every register.
     */
    static int[] histogram(byte[] s) {
        int[] histo = new int[64];
        if (isDense(s)) {
            for (int i = 0; i < REGISTERS; i++) histo[denseGet(s, i)]++;
            return histo;
        }
        if (walkSparse(s, s.length, (index, value) -> histo[value]++) != REGISTERS) return null;
        histo[0] = REGISTERS;
        for (int v = 1; v < histo.length; v++) histo[0] -= histo[v];
        return histo;
    }

    /** The histogram of plain one-byte-per-register values, as {@link #mergeInto} builds them. */
    static int[] histogramOfRegisters(byte[] registers) {
        int[] histo = new int[64];
        for (byte r : registers) histo[r]++;
        return histo;
    }

    /**
     * Redis 7's hllCount estimator (Ertl, "New cardinality estimation algorithms for
     * HyperLogLog sketches", arXiv:1702.01284), rounded as llroundl: an infinite estimate
     * (every register above Q, only in a forged dense HLL) comes out as Long.MIN_VALUE.
     */
    static long estimate(int[] histo) {
        double m = REGISTERS;
        double z = m * tau((m - histo[Q + 1]) / m);
        for (int j = Q; j >= 1; j--) {
            z += histo[j];
            z *= 0.5;
        }
        z += m * sigma(histo[0] / m);
        double e = ALPHA_INF * m * m / z;
        return e < 0x1p63 ? Math.round(e) : Long.MIN_VALUE;
    }

    private static double sigma(double x) {
        if (x == 1.0) return Double.POSITIVE_INFINITY;
        double y = 1;
        double z = x;
        double previous;
        do {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        } while (previous != z);
        return z;
    }

    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) return 0.0;
        double y = 1.0;
        double z = 1 - x;
        double previous;
        do {
            x = Math.sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
        } while (previous != z);
        return z / 3;
    }

    // ---- sparse opcodes

    private static boolean isZero(int op) {
        return (op & 0xc0) == 0;
    }

    private static boolean isVal(int op) {
        return (op & 0x80) != 0;
    }

    private static int opcodeLength(byte op) {
        return (op & 0xc0) == 0x40 ? 2 : 1;
    }

    /** Registers the opcode at p covers; an XZERO cut off by the end reads a zero low byte. */
    private static int opcodeSpan(byte[] s, int p) {
        int op = s[p] & 0xff;
        if (isZero(op)) return (op & 0x3f) + 1;
        if (isVal(op)) return valRun(op);
        int low = p + 1 < s.length ? s[p + 1] & 0xff : 0;
        return ((op & 0x3f) << 8 | low) + 1;
    }

    private static int valValue(int op) {
        return (op >> 2 & 0x1f) + 1;
    }

    private static int valRun(int op) {
        return (op & 3) + 1;
    }

    private static byte val(int value, int run) {
        return (byte) (0x80 | (value - 1) << 2 | (run - 1));
    }

    /** A ZERO (up to 64) or XZERO run at {@code seq[n]}; returns the next free position. */
    private static int putZeros(byte[] seq, int n, int run) {
        if (run > SPARSE_ZERO_MAX_RUN) {
            putXzero(seq, n, run);
            return n + 2;
        }
        seq[n] = (byte) (run - 1);
        return n + 1;
    }

    private static void putXzero(byte[] b, int at, int run) {
        b[at] = (byte) (0x40 | (run - 1) >> 8);
        b[at + 1] = (byte) (run - 1);
    }

    // ---- the sds-like buffer

    private void ensureCapacity(int capacity) {
        if (buf.length < capacity) buf = Arrays.copyOf(buf, Math.max(capacity, buf.length * 2));
    }

    /** sdsIncrLen: the new length, and a terminating zero just past it. */
    private void setLength(int n) {
        len = n;
        buf[n] = 0;
    }
}
