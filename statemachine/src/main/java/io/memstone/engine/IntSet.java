package io.memstone.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Redis' intset: distinct 64-bit integers kept sorted in one packed little-endian byte array,
 * each stored in the narrowest width (2, 4 or 8 bytes) that fits every member. The width grows
 * when a wider member arrives and never shrinks, as in Redis. Lookups are binary searches;
 * inserts and removals move the tail, O(n) like Redis' memmove, which is fine at intset sizes.
 */
public final class IntSet {
    private static final VarHandle INT16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] EMPTY = new byte[0];

    private byte[] data = EMPTY;
    private int width = Short.BYTES;

    public int size() {
        return data.length / width;
    }

    /** Bytes per member: 2, 4 or 8 (Redis' INTSET_ENC_INT16/32/64). */
    public int width() {
        return width;
    }

    /** The member at a position in ascending order. */
    public long get(int index) {
        return read(data, width, index);
    }

    public boolean contains(long value) {
        return widthFor(value) <= width && search(value) >= 0;
    }

    /** Adds the value; false if it was already a member. */
    public boolean add(long value) {
        int needed = widthFor(value);
        if (needed > width) {
            upgradeAndAdd(value, needed);
            return true;
        }
        int at = search(value);
        if (at >= 0) return false;
        int insertAt = -at - 1;
        byte[] grown = new byte[data.length + width];
        System.arraycopy(data, 0, grown, 0, insertAt * width);
        System.arraycopy(data, insertAt * width, grown, (insertAt + 1) * width, data.length - insertAt * width);
        write(grown, width, insertAt, value);
        data = grown;
        return true;
    }

    /** Removes the value; false if it was not a member. */
    public boolean remove(long value) {
        if (widthFor(value) > width) return false;
        int at = search(value);
        if (at < 0) return false;
        byte[] shrunk = new byte[data.length - width];
        System.arraycopy(data, 0, shrunk, 0, at * width);
        System.arraycopy(data, (at + 1) * width, shrunk, at * width, shrunk.length - at * width);
        data = shrunk;
        return true;
    }

    public IntSet copy() {
        IntSet c = new IntSet();
        c.data = data.clone();
        c.width = width;
        return c;
    }

    /** A wider value sorts before or after every current member: it goes at one end. */
    private void upgradeAndAdd(long value, int newWidth) {
        int n = size();
        byte[] wider = new byte[(n + 1) * newWidth];
        int offset = value < 0 ? 1 : 0;
        for (int i = 0; i < n; i++) write(wider, newWidth, i + offset, get(i));
        write(wider, newWidth, value < 0 ? 0 : n, value);
        data = wider;
        width = newWidth;
    }

    /** Binary search: the index if found, else -(insertion point) - 1. */
    private int search(long value) {
        int low = 0;
        int high = size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long v = get(mid);
            if (v < value) low = mid + 1;
            else if (v > value) high = mid - 1;
            else return mid;
        }
        return -low - 1;
    }

    static int widthFor(long value) {
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) return Short.BYTES;
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) return Integer.BYTES;
        return Long.BYTES;
    }

    private static long read(byte[] a, int width, int index) {
        switch (width) {
            case Short.BYTES: return (short) INT16.get(a, index * width);
            case Integer.BYTES: return (int) INT32.get(a, index * width);
            default: return (long) INT64.get(a, index * width);
        }
    }

    private static void write(byte[] a, int width, int index, long value) {
        switch (width) {
            case Short.BYTES: INT16.set(a, index * width, (short) value); break;
            case Integer.BYTES: INT32.set(a, index * width, (int) value); break;
            default: INT64.set(a, index * width, value);
        }
    }
}
