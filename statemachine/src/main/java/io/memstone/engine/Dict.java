package io.memstone.engine;

import java.util.Random;
import java.util.function.BiConsumer;

/**
 * A chained hash table with Redis' dict scan: a cursor that walks buckets in reverse-binary
 * order, so an entry present for a whole SCAN is returned at least once even when the table
 * grows or shrinks between calls. {@link java.util.HashMap} cannot offer that.
 *
 * <p>Its order depends on its contents only, never on insertion history or table size: chains
 * are kept sorted by the bit-reversed hash (then the key), so walking buckets in reverse-binary
 * order visits every entry in one global order. {@link #forEach} and {@link #randomKey} follow
 * it, so a replica that rebuilt a dict from a snapshot iterates and draws (SPOP) exactly as one
 * that built it entry by entry. Not thread-safe.
 */
public final class Dict<K extends Comparable<? super K>, V> {
    private static final int MIN_SIZE = 4;
    /** Keys a bucket is assumed to hold at most when drawing a random key; see {@link #randomKey}. */
    private static final int SLOTS = 8;

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

    private Node<K, V>[] table;
    private int size;

    public Dict() {
        this(0);
    }

    /** An empty dict whose table holds {@code expected} entries without resizing. */
    @SuppressWarnings("unchecked")
    public Dict(int expected) {
        table = new Node[Math.max(MIN_SIZE, expected <= 1 ? 1 : Integer.highestOneBit(expected - 1) << 1)];
    }

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
        Node<K, V> prev = null;
        Node<K, V> n = table[i];
        for (; n != null; prev = n, n = n.next) {
            int c = compare(n, h, key);
            if (c == 0) {
                V old = n.value;
                n.value = value;
                return old;
            }
            if (c > 0) break;
        }
        Node<K, V> added = new Node<>(key, h, value, n);
        if (prev == null) table[i] = added;
        else prev.next = added;
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

    /** Every entry, in the dict's content-determined order. The action must not change the dict. */
    public void forEach(BiConsumer<? super K, ? super V> action) {
        if (size == 0) return;
        long cursor = 0;
        do {
            cursor = scan(cursor, action);
        } while (cursor != 0);
    }

    /** The first {@code n} entries in this dict's order (see the class comment): a size sample. */
    public void forFirst(int n, BiConsumer<? super K, ? super V> action) {
        int[] seen = {0};
        long cursor = 0;
        do {
            cursor = scan(cursor, (k, v) -> {
                if (seen[0]++ < n) action.accept(k, v);
            });
        } while (cursor != 0 && seen[0] < n);
    }

    /**
     * One step of Redis' dictScan: visits the bucket at {@code cursor} and returns the next
     * cursor, 0 when the walk is complete. The visitor must not change the dict.
     */
    public long scan(long cursor, BiConsumer<? super K, ? super V> visitor) {
        if (size == 0) return 0;
        long mask = table.length - 1;
        for (Node<K, V> n = table[(int) (cursor & mask)]; n != null; n = n.next) visitor.accept(n.key, n.value);
        return nextBucket(cursor, mask);
    }

    /** Past every position: a {@link #walk} that returns it has visited everything. */
    public static final long END = 1L << 32;

    /**
     * The key's place in the dict's order, which {@link #forEach} follows: its hash, bit-reversed,
     * as an unsigned number below {@link #END}. Keys with equal positions follow in key order.
     */
    public static long position(Object key) {
        return positionOf(spread(key.hashCode()));
    }

    private static long positionOf(int hash) {
        return Integer.toUnsignedLong(Integer.reverse(hash));
    }

    /**
     * Visits, in the dict's order, the entries at positions from {@code from} on, a bucket at a
     * time until at least {@code atLeast} were visited, and returns the position where the next
     * walk starts ({@link #END} once the dict is done). Unlike a {@link #scan} cursor, a position
     * means the same in any table size, so a walk interleaved with changes visits every entry
     * present throughout exactly once, however the table grows or shrinks meanwhile. The visitor
     * must not change the dict.
     */
    public long walk(long from, int atLeast, BiConsumer<? super K, ? super V> visitor) {
        int shift = 32 - Integer.numberOfTrailingZeros(table.length);
        int visited = 0;
        while (from < END && visited < atLeast) {
            long prefix = from >>> shift;
            // A bucket holds the positions that share its index's bits, reversed, as their prefix.
            for (Node<K, V> n = table[Integer.reverse((int) prefix) >>> shift]; n != null; n = n.next) {
                // After a shrink, the bucket at from may also hold positions already walked.
                if (positionOf(n.hash) < from) continue;
                visitor.accept(n.key, n.value);
                visited++;
            }
            from = (prefix + 1) << shift;
        }
        return from;
    }

    /**
     * A key drawn from {@code random}, or null when empty: a random bucket and a random one of
     * {@value #SLOTS} slots in it, again until the slot holds a key, so every key is equally
     * likely (unless a bucket holds more than {@value #SLOTS}). The buckets are those of a
     * virtual table sized by the number of keys alone (each is a run of real buckets, as the
     * real table is at least as large), walked in the dict's order: the draw depends on the
     * contents only, so replicas draw the same key from the same seed.
     */
    public K randomKey(Random random) {
        if (size == 0) return null;
        int virtual = size == 1 ? 1 : Integer.highestOneBit(size - 1) << 1;
        int perVirtual = table.length / virtual;
        int bits = Integer.numberOfTrailingZeros(perVirtual);
        while (true) {
            int bucket = (int) (mix(random.nextLong()) & (virtual - 1));
            int count = 0;
            for (int i = 0; i < perVirtual; i++) {
                for (Node<K, V> n = table[bucket + virtual * part(i, bits)]; n != null; n = n.next) count++;
            }
            int pick = random.nextInt(Math.max(SLOTS, count));
            if (pick >= count) continue;
            for (int i = 0; i < perVirtual; i++) {
                for (Node<K, V> n = table[bucket + virtual * part(i, bits)]; n != null; n = n.next) {
                    if (pick-- == 0) return n.key;
                }
            }
        }
    }

    /** The i-th part of a virtual bucket in the dict's order: i's {@code bits} low bits reversed. */
    private static int part(int i, int bits) {
        return bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }

    /** SplitMix64's finalizer: java.util.Random's first draws from nearby seeds are alike. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The bucket after {@code cursor} in reverse-binary order: increment the reversed bits. */
    private static long nextBucket(long cursor, long mask) {
        cursor |= ~mask;
        cursor = Long.reverse(cursor);
        cursor++;
        return Long.reverse(cursor);
    }

    /** The chain order: bit-reversed hash (unsigned), then the key. */
    private static <K extends Comparable<? super K>> int compare(Node<K, ?> n, int hash, K key) {
        int c = Integer.compareUnsigned(Integer.reverse(n.hash), Integer.reverse(hash));
        return c != 0 ? c : n.key.compareTo(key);
    }

    private Node<K, V> find(K key) {
        int h = spread(key.hashCode());
        for (Node<K, V> n = table[h & (table.length - 1)]; n != null; n = n.next) {
            if (n.hash == h && n.key.equals(key)) return n;
        }
        return null;
    }

    /** Moves every entry in the global order, appending to the new chains, which stay sorted. */
    @SuppressWarnings("unchecked")
    private void resize(int capacity) {
        Node<K, V>[] old = table;
        Node<K, V>[] tails = new Node[capacity];
        table = new Node[capacity];
        long oldMask = old.length - 1;
        long cursor = 0;
        do {
            Node<K, V> n = old[(int) cursor];
            while (n != null) {
                Node<K, V> next = n.next;
                int i = n.hash & (capacity - 1);
                n.next = null;
                if (tails[i] == null) table[i] = n;
                else tails[i].next = n;
                tails[i] = n;
                n = next;
            }
            cursor = nextBucket(cursor, oldMask);
        } while (cursor != 0);
    }

    /** Mixes the high bits into the low ones, which pick the bucket. */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        return h ^ (h >>> 13);
    }
}
