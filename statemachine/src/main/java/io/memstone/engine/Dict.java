package io.memstone.engine;

import java.util.Random;
import java.util.function.BiConsumer;

/**
 * A chained hash table with Redis' dict scan: a cursor that walks buckets in reverse-binary
 * order, so an entry present for a whole SCAN is returned at least once even when the table
 * grows or shrinks between calls. {@link java.util.HashMap} cannot offer that. Keys need
 * content {@code equals}/{@code hashCode} (as {@link Key}). Not thread-safe.
 */
public final class Dict<K, V> {
    private static final int MIN_SIZE = 4;

    private static final class Node<K, V> {
        final K key;
        final int hash;
        V value;
        Node<K, V> next;

        Node(K key, int hash, V value, Node<K, V> next) {
            this.key = key;
            this.hash = hash;
            this.value = value;
            this.next = next;
        }
    }

    @SuppressWarnings("unchecked")
    private Node<K, V>[] table = new Node[MIN_SIZE];
    private int size;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public V get(K key) {
        Node<K, V> n = find(key);
        return n == null ? null : n.value;
    }

    public boolean containsKey(K key) {
        return find(key) != null;
    }

    /** Sets the value; returns the previous one, or null. */
    public V put(K key, V value) {
        int h = spread(key.hashCode());
        int i = h & (table.length - 1);
        for (Node<K, V> n = table[i]; n != null; n = n.next) {
            if (n.hash == h && n.key.equals(key)) {
                V old = n.value;
                n.value = value;
                return old;
            }
        }
        table[i] = new Node<>(key, h, value, table[i]);
        if (++size > table.length) resize(table.length * 2);
        return null;
    }

    /** Removes the key; returns its value, or null if it was absent. */
    public V remove(K key) {
        int h = spread(key.hashCode());
        int i = h & (table.length - 1);
        Node<K, V> prev = null;
        for (Node<K, V> n = table[i]; n != null; prev = n, n = n.next) {
            if (n.hash == h && n.key.equals(key)) {
                if (prev == null) table[i] = n.next;
                else prev.next = n.next;
                size--;
                // Redis shrinks a dict filled under 10%.
                if (table.length > MIN_SIZE && size * 10 < table.length) resize(Math.max(MIN_SIZE, table.length / 2));
                return n.value;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    public void clear() {
        table = new Node[MIN_SIZE];
        size = 0;
    }

    /** Every entry, in table order. The action must not change the dict. */
    public void forEach(BiConsumer<? super K, ? super V> action) {
        for (Node<K, V> head : table) {
            for (Node<K, V> n = head; n != null; n = n.next) action.accept(n.key, n.value);
        }
    }

    /**
     * One step of Redis' dictScan: visits the bucket at {@code cursor} and returns the next
     * cursor, 0 when the walk is complete. The visitor must not change the dict.
     */
    public long scan(long cursor, BiConsumer<? super K, ? super V> visitor) {
        if (size == 0) return 0;
        long mask = table.length - 1;
        for (Node<K, V> n = table[(int) (cursor & mask)]; n != null; n = n.next) visitor.accept(n.key, n.value);
        // Increment the cursor's reversed bits, so the walk survives a resize between steps.
        cursor |= ~mask;
        cursor = Long.reverse(cursor);
        cursor++;
        return Long.reverse(cursor);
    }

    /** A random key drawn from {@code random}, or null when empty. */
    public K randomKey(Random random) {
        if (size == 0) return null;
        Node<K, V> head;
        do {
            head = table[random.nextInt(table.length)];
        } while (head == null);
        int length = 0;
        for (Node<K, V> n = head; n != null; n = n.next) length++;
        Node<K, V> n = head;
        for (int skip = random.nextInt(length); skip > 0; skip--) n = n.next;
        return n.key;
    }

    private Node<K, V> find(K key) {
        int h = spread(key.hashCode());
        for (Node<K, V> n = table[h & (table.length - 1)]; n != null; n = n.next) {
            if (n.hash == h && n.key.equals(key)) return n;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private void resize(int capacity) {
        Node<K, V>[] old = table;
        table = new Node[capacity];
        for (Node<K, V> head : old) {
            Node<K, V> n = head;
            while (n != null) {
                Node<K, V> next = n.next;
                int i = n.hash & (capacity - 1);
                n.next = table[i];
                table[i] = n;
                n = next;
            }
        }
    }

    /** Mixes the high bits into the low ones, which pick the bucket. */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        return h ^ (h >>> 13);
    }
}
