package io.memstone.engine;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Field-value pairs packed in one byte array, each string preceded by its length (a varint), in
 * insertion order: the layout of Redis' listpack for a small hash. New pairs go at the end and
 * removals close the gap in place, so iteration order is Redis'. Lookups are linear, as in
 * Redis; the owner keeps the pairs few and short (hash-max-listpack-entries / -value).
 */
final class PackedPairs {
    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes = EMPTY;
    private int used;
    private int size;

    int size() {
        return size;
    }

    /** The field's value (a copy), or null when absent. */
    byte[] get(byte[] field) {
        int at = find(field);
        return at < 0 ? null : string(next(at));
    }

    boolean contains(byte[] field) {
        return find(field) >= 0;
    }

    /** Sets the field's value in place, or appends the pair; true if the field is new. */
    boolean put(byte[] field, byte[] value) {
        int at = find(field);
        if (at >= 0) {
            int valueAt = next(at);
            splice(valueAt, next(valueAt) - valueAt, value);
            return false;
        }
        splice(used, 0, field);
        splice(used, 0, value);
        size++;
        return true;
    }

    /** Removes the field and its value; false if it was absent. */
    boolean remove(byte[] field) {
        int at = find(field);
        if (at < 0) return false;
        int end = next(next(at));
        System.arraycopy(bytes, end, bytes, at, used - end);
        used -= end - at;
        size--;
        // Give back the slack once the array is mostly empty, as a listpack shrinks with it.
        if (bytes.length > 2 * used + 16) bytes = Arrays.copyOf(bytes, used);
        return true;
    }

    /** Every pair in order (copies of the strings). */
    void forEach(BiConsumer<byte[], byte[]> action) {
        for (int at = 0; at < used; at = next(next(at))) action.accept(string(at), string(next(at)));
    }

    /** The pair at position {@code index} (0..size-1) as {field, value}; linear, like lpSeek. */
    byte[][] pairAt(int index) {
        int at = 0;
        for (int i = 0; i < index; i++) at = next(next(at));
        return new byte[][] {string(at), string(next(at))};
    }

    /** Bytes in use, for tests of the layout. */
    int usedBytes() {
        return used;
    }

    PackedPairs copy() {
        PackedPairs c = new PackedPairs();
        c.bytes = Arrays.copyOf(bytes, used);
        c.used = used;
        c.size = size;
        return c;
    }

    /** Offset of the field's length, or -1. */
    private int find(byte[] field) {
        for (int at = 0; at < used; at = next(next(at))) {
            int length = Varints.read(bytes, at);
            int start = at + Varints.size(length);
            if (length == field.length && Arrays.equals(bytes, start, start + length, field, 0, length)) return at;
        }
        return -1;
    }

    /** Offset of the string after the one at {@code at}. */
    private int next(int at) {
        int length = Varints.read(bytes, at);
        return at + Varints.size(length) + length;
    }

    private byte[] string(int at) {
        return Arrays.copyOfRange(bytes, at + Varints.size(Varints.read(bytes, at)), next(at));
    }

    /** Replaces the {@code oldLength} bytes at {@code at} with the length-prefixed string. */
    private void splice(int at, int oldLength, byte[] s) {
        int newLength = Varints.size(s.length) + s.length;
        int grown = used - oldLength + newLength;
        // A quarter of slack keeps appends amortized O(1) without doubling the footprint.
        if (grown > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(grown, used + (used >> 2)));
        System.arraycopy(bytes, at + oldLength, bytes, at + newLength, used - at - oldLength);
        System.arraycopy(s, 0, bytes, Varints.write(bytes, at, s.length), s.length);
        used = grown;
    }
}
