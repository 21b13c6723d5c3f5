package io.memstone.rdb;

import static io.memstone.rdb.RdbFormatException.check;

import java.util.Arrays;

/**
 * LZF (liblzf's format), which RDB uses for long strings. A control byte below 32 starts a run
 * of control+1 literal bytes; otherwise its top 3 bits are a match length - 2 (7: add the next
 * byte) and its low 5 bits with the following byte an offset back into the output.
 */
public final class Lzf {
    private Lzf() {}

    private static final int MAX_LITERAL = 32;
    private static final int MAX_OFFSET = 1 << 13;
    private static final int MAX_MATCH = 7 + 255 + 2;
    /** The most output one input byte can give: a 3-byte match of MAX_MATCH bytes. */
    private static final int MAX_EXPANSION = MAX_MATCH / 3;
    private static final int HASH_BITS = 14;

    /**
     * Decompresses {@code in[from, from + length)} into exactly {@code outLength} bytes; any
     * other outcome (short, overlong, a match before the start) is a format error. A first
     * pass checks that before allocating, so a header claiming a huge output costs nothing.
     */
    public static byte[] decompress(byte[] in, int from, int length, int outLength) {
        check(outLength >= 0 && (long) outLength <= (long) length * MAX_EXPANSION, "LZF length out of range");
        expand(in, from, length, null, outLength);
        byte[] out = new byte[outLength];
        expand(in, from, length, out, outLength);
        return out;
    }

    /** Runs the decoder; with {@code out} null it only checks the stream yields outLength bytes. */
    private static void expand(byte[] in, int from, int length, byte[] out, int outLength) {
        int ip = from;
        int end = from + length;
        int op = 0;
        while (ip < end) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < MAX_LITERAL) {
                int run = ctrl + 1;
                check(run <= end - ip && run <= outLength - op, "LZF literal overruns");
                if (out != null) System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            } else {
                int len = ctrl >> 5;
                if (len == 7) {
                    check(ip < end, "LZF truncated");
                    len += in[ip++] & 0xff;
                }
                check(ip < end, "LZF truncated");
                int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                len += 2;
                check(ref >= 0 && len <= outLength - op, "LZF match out of range");
                if (out != null) {
                    for (int i = 0; i < len; i++) out[op + i] = out[ref + i]; // may overlap: byte by byte
                }
                op += len;
            }
        }
        check(op == outLength, "LZF output shorter than declared");
    }

    /**
     * Compresses {@code in}, or returns null if the result would be longer than {@code maxOut}
     * bytes (then storing it plain is better). Greedy: the latest earlier position with the
     * same 3 bytes, found through a hash table, is the match candidate.
     */
    public static byte[] compress(byte[] in, int maxOut) {
        byte[] out = new byte[Math.max(0, maxOut)];
        int hashBits = Math.min(HASH_BITS, 32 - Integer.numberOfLeadingZeros(Math.max(in.length, 256)));
        int[] table = new int[1 << hashBits];
        int op = 0;
        int literalStart = 0;
        int ip = 0;
        while (ip + 2 < in.length) {
            int h = hash(in, ip, hashBits);
            int ref = table[h] - 1;
            table[h] = ip + 1;
            int off = ip - ref - 1;
            if (ref < 0 || off >= MAX_OFFSET || in[ref] != in[ip] || in[ref + 1] != in[ip + 1] || in[ref + 2] != in[ip + 2]) {
                ip++;
                continue;
            }
            int max = Math.min(MAX_MATCH, in.length - ip);
            int len = 3;
            while (len < max && in[ref + len] == in[ip + len]) len++;
            op = literals(in, literalStart, ip, out, op);
            if (op < 0 || op + 3 > out.length) return null;
            int l = len - 2;
            if (l < 7) {
                out[op++] = (byte) ((l << 5) | (off >> 8));
            } else {
                out[op++] = (byte) ((7 << 5) | (off >> 8));
                out[op++] = (byte) (l - 7);
            }
            out[op++] = (byte) off;
            ip += len;
            literalStart = ip;
        }
        op = literals(in, literalStart, in.length, out, op);
        return op < 0 ? null : Arrays.copyOf(out, op);
    }

    /** Writes {@code in[from, to)} as literal runs; the new output position, -1 if out is full. */
    private static int literals(byte[] in, int from, int to, byte[] out, int op) {
        while (from < to) {
            int run = Math.min(MAX_LITERAL, to - from);
            if (op + 1 + run > out.length) return -1;
            out[op++] = (byte) (run - 1);
            System.arraycopy(in, from, out, op, run);
            op += run;
            from += run;
        }
        return op;
    }

    /** A table no bigger than the input needs: short strings are compressed often. */
    private static int hash(byte[] in, int i, int bits) {
        int v = ((in[i] & 0xff) << 16) | ((in[i + 1] & 0xff) << 8) | (in[i + 2] & 0xff);
        return (v * 0x9E3779B1) >>> (32 - bits);
    }
}
