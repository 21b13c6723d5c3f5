package io.memstone.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A binary-safe key: Redis keys are byte strings, so the map key wraps the bytes with
 * content equality. Collections use it too, for hash fields and set and sorted-set members. The array is shared, never copied: callers must not change it.
 */
public final class Key implements Comparable<Key> {
    private final byte[] bytes;
    private final int hash;

    public Key(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && hash == k.hash && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Byte order, as Redis compares strings (memcmp). */
    @Override
    public int compareTo(Key o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
