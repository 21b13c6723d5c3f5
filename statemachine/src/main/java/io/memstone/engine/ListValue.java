package io.memstone.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A Redis list: a deque of byte strings in a ring buffer, so pushes and pops at either end are
 * O(1) and LINDEX/LSET are O(1) too. Mutable, changed in place by the list commands (as Redis'
 * quicklist is); the element arrays themselves are never changed, so a reply may hold them.
 */
public final class ListValue extends RedisValue {
    /** Which end of the list: Redis' LIST_HEAD (LEFT) and LIST_TAIL (RIGHT). */
    enum End { HEAD, TAIL }

    private byte[][] elements = new byte[8][];
    private int head;
    private int size;

    public int size() {
        return size;
    }

    public byte[] get(long index) {
        return elements[slot(index)];
    }

    void set(long index, byte[] element) {
        elements[slot(index)] = element;
    }

    void push(End end, byte[] element) {
        if (size == elements.length) grow();
        if (end == End.HEAD) {
            head = (head - 1 + elements.length) % elements.length;
            elements[head] = element;
        } else {
            elements[(head + size) % elements.length] = element;
        }
        size++;
    }

    /** Removes and returns the element at one end; the list must not be empty. */
    byte[] pop(End end) {
        int at = end == End.HEAD ? head : slot(size - 1);
        byte[] element = elements[at];
        elements[at] = null;
        if (end == End.HEAD) head = (head + 1) % elements.length;
        size--;
        return element;
    }

    /** Inserts so the element ends up at {@code index} (0..size), shifting later ones right. */
    void insert(long index, byte[] element) {
        push(End.TAIL, element);
        for (long i = size - 1; i > index; i--) set(i, get(i - 1));
        set(index, element);
    }

    /**
     * Removes up to {@code limit} elements equal to {@code element} (0: all), scanning from
     * {@code from}; returns how many went.
     */
    long remove(byte[] element, long limit, End from) {
        byte[][] kept = new byte[size][];
        int keptCount = 0;
        long removed = 0;
        for (int n = 0; n < size; n++) {
            int i = from == End.HEAD ? n : size - 1 - n;
            byte[] e = get(i);
            if ((limit == 0 || removed < limit) && Arrays.equals(e, element)) removed++;
            else kept[from == End.HEAD ? keptCount++ : size - 1 - keptCount++] = e;
        }
        if (removed > 0) {
            byte[][] compact = new byte[Math.max(8, keptCount)][];
            System.arraycopy(kept, from == End.HEAD ? 0 : size - keptCount, compact, 0, keptCount);
            replace(compact, keptCount);
        }
        return removed;
    }

    /** Keeps only the elements from {@code start} to {@code end} inclusive (both in range). */
    void keepRange(long start, long end) {
        int kept = (int) (end - start + 1);
        byte[][] compact = new byte[Math.max(8, kept)][];
        for (int i = 0; i < kept; i++) compact[i] = get(start + i);
        replace(compact, kept);
    }

    private void replace(byte[][] compact, int newSize) {
        elements = compact;
        head = 0;
        size = newSize;
    }

    private int slot(long index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index + " of " + size);
        return (int) ((head + index) % elements.length);
    }

    private void grow() {
        byte[][] bigger = new byte[elements.length * 2][];
        for (int i = 0; i < size; i++) bigger[i] = get(i);
        replace(bigger, size);
    }

    @Override
    boolean servesBlockedClients() {
        return true;
    }

    @Override
    public String typeName() {
        return "list";
    }

    @Override
    public String encoding() {
        return "quicklist";
    }

    @Override
    public ListValue copy() {
        ListValue c = new ListValue();
        c.replace(Arrays.copyOf(elements, elements.length), size);
        c.head = head;
        return c;
    }

    /** Each element's length, then its bytes, so ["ab","c"] and ["a","bc"] differ. */
    @Override
    public void digestInto(java.security.MessageDigest md) {
        for (int i = 0; i < size; i++) {
            byte[] e = get(i);
            md.update(ByteBuffer.allocate(Integer.BYTES).putInt(e.length).array());
            md.update(e);
        }
    }
}
