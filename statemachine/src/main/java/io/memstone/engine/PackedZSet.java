package io.memstone.engine;

import java.util.Arrays;

/**
 * A small sorted set packed in one byte array, in (score, member) order, as Redis' listpack
 * encoding: each entry is the member's length (unsigned varint), its bytes, then the score's
 * 8 IEEE-754 bytes. Every operation walks the array: O(n), which Redis accepts for at most
 * 128 entries.
 */
final class PackedZSet implements ZSetStore {
    private byte[] buf = new byte[16];
    private int used;
    private int count;

    @Override
    public int size() {
        return count;
    }

    @Override
    public double score(byte[] member) {
        int at = find(member);
        return at < 0 ? Double.NaN : scoreAt(at);
    }

    @Override
    public void insert(byte[] member, double score) {
        int at = 0;
        while (at < used && compareAt(at, score, member) < 0) at = next(at);
        int len = Varints.size(member.length) + member.length + Double.BYTES;
        if (used + len > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, used + len));
        System.arraycopy(buf, at, buf, at + len, used - at);
        int p = Varints.write(buf, at, member.length);
        System.arraycopy(member, 0, buf, p, member.length);
        // Redis' listpack keeps a zero score as the integer 0: -0 reads back as 0.
        writeScore(p + member.length, score == 0 ? 0.0 : score);
        used += len;
        count++;
    }

    @Override
    public boolean remove(byte[] member) {
        int at = find(member);
        if (at < 0) return false;
        cut(at, next(at), 1);
        return true;
    }

    @Override
    public long rank(byte[] member) {
        long rank = 0;
        for (int at = 0; at < used; at = next(at), rank++) {
            if (memberEquals(at, member)) return rank;
        }
        return -1;
    }

    @Override
    public long countBefore(ZSetStore.Bound bound) {
        long n = 0;
        for (int at = 0; at < used && bound.before(scoreAt(at), memberAt(at)); at = next(at)) n++;
        return n;
    }

    @Override
    public void forRange(long from, long to, boolean reverse, ZSetValue.EntryVisitor visitor) {
        int[] offsets = offsets();
        for (long r = reverse ? to : from; reverse ? r >= from : r <= to; r += reverse ? -1 : 1) {
            int at = offsets[(int) r];
            visitor.accept(memberAt(at), scoreAt(at));
        }
    }

    @Override
    public void removeRange(long from, long to) {
        int[] offsets = offsets();
        int end = to + 1 < count ? offsets[(int) to + 1] : used;
        cut(offsets[(int) from], end, (int) (to - from + 1));
    }

    @Override
    public long scan(ScanRequest request, ZSetValue.EntryVisitor visitor) {
        if (count > 0) forRange(0, count - 1, false, visitor);
        return 0;
    }

    @Override
    public PackedZSet copy() {
        PackedZSet c = new PackedZSet();
        c.buf = Arrays.copyOf(buf, used);
        c.used = used;
        c.count = count;
        return c;
    }

    private int find(byte[] member) {
        for (int at = 0; at < used; at = next(at)) {
            if (memberEquals(at, member)) return at;
        }
        return -1;
    }

    /** Compares the entry at {@code at} with (score, member) in place, without copying it out. */
    private int compareAt(int at, double score, byte[] member) {
        double s = scoreAt(at);
        if (s != score) return Double.compare(s, score);
        int len = memberLength(at);
        int start = at + Varints.size(len);
        return Arrays.compareUnsigned(buf, start, start + len, member, 0, member.length);
    }

    private boolean memberEquals(int at, byte[] member) {
        int len = memberLength(at);
        int start = at + Varints.size(len);
        return Arrays.equals(buf, start, start + len, member, 0, member.length);
    }

    /** Start offset of every entry, in order. */
    private int[] offsets() {
        int[] offsets = new int[count];
        for (int at = 0, i = 0; at < used; at = next(at)) offsets[i++] = at;
        return offsets;
    }

    private void cut(int from, int to, int entries) {
        System.arraycopy(buf, to, buf, from, used - to);
        used -= to - from;
        count -= entries;
        if (buf.length > 64 && used * 4 < buf.length) buf = Arrays.copyOf(buf, Math.max(16, used * 2));
    }

    private int memberLength(int at) {
        return Varints.read(buf, at);
    }

    private byte[] memberAt(int at) {
        int len = memberLength(at);
        int start = at + Varints.size(len);
        return Arrays.copyOfRange(buf, start, start + len);
    }

    private double scoreAt(int at) {
        int len = memberLength(at);
        int p = at + Varints.size(len) + len;
        long bits = 0;
        for (int i = 0; i < Double.BYTES; i++) bits = (bits << 8) | (buf[p + i] & 0xff);
        return Double.longBitsToDouble(bits);
    }

    private int next(int at) {
        int len = memberLength(at);
        return at + Varints.size(len) + len + Double.BYTES;
    }

    private void writeScore(int p, double score) {
        long bits = Double.doubleToRawLongBits(score);
        for (int i = Double.BYTES - 1; i >= 0; i--, bits >>>= 8) buf[p + i] = (byte) bits;
    }

}
