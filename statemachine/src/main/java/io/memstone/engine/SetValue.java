package io.memstone.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A Redis set, in Redis 7.0's two encodings: an {@link IntSet} while every member is an
 * integer (as {@code string2ll} reads it) and there are at most set-max-intset-entries ({@link EncodingLimits});
 * a {@link Dict} of members beyond. Like Redis it converts one way only: a set that went to the
 * hash table stays there however it shrinks. Mutable, changed in place by the set commands.
 */
public final class SetValue extends RedisValue {
    /** The members while the set is an intset; null once it is a hash table. */
    private IntSet ints;
    /** The members once the set is a hash table; null while it is an intset. */
    private Dict<Key, Boolean> dict;
    private final EncodingLimits limits;

    /** An empty set encoded as an intset (Redis' createIntsetObject), converting at its engine's limits. */
    SetValue(EncodingLimits limits) {
        this.limits = limits;
        ints = new IntSet();
    }

    /** An empty set in the encoding Redis picks for a set about to receive {@code first} (setTypeCreate). */
    static SetValue createFor(EncodingLimits limits, byte[] first) {
        SetValue s = new SetValue(limits);
        if (Numbers.string2ll(first).isEmpty()) s.toHashTable();
        return s;
    }

    /** A set of the given members (duplicates collapse), encoded as Redis would load it. */
    static SetValue of(EncodingLimits limits, Iterable<byte[]> members) {
        SetValue s = new SetValue(limits);
        for (byte[] m : members) s.add(m);
        return s;
    }

    /** A set in a given encoding, as a snapshot recorded it (7.0 never converts back on its own). */
    static SetValue restored(EncodingLimits limits, boolean intset, Iterable<byte[]> members) {
        SetValue s = new SetValue(limits);
        if (!intset) s.toHashTable();
        for (byte[] m : members) s.add(m);
        return s;
    }

    public int size() {
        return ints != null ? ints.size() : dict.size();
    }

    public boolean isIntset() {
        return ints != null;
    }

    public boolean contains(byte[] member) {
        if (ints == null) return dict.containsKey(new Key(member));
        var v = Numbers.string2ll(member);
        return v.isPresent() && ints.contains(v.getAsLong());
    }

    /** Adds the member; false if it was already there. May convert the intset to a hash table. */
    public boolean add(byte[] member) {
        if (ints != null) {
            var v = Numbers.string2ll(member);
            if (v.isPresent()) {
                if (!ints.add(v.getAsLong())) return false;
                if (ints.size() > limits.setMaxIntsetEntries()) toHashTable();
                return true;
            }
            toHashTable();
        }
        return dict.put(new Key(member), Boolean.TRUE) == null;
    }

    /** Removes the member; false if it was not there. */
    public boolean remove(byte[] member) {
        if (ints == null) return dict.remove(new Key(member)) != null;
        var v = Numbers.string2ll(member);
        return v.isPresent() && ints.remove(v.getAsLong());
    }

    /** A member drawn from {@code random}; the set must not be empty. */
    byte[] randomMember(Random random) {
        if (ints != null) return Numbers.ll2string(ints.get(random.nextInt(ints.size())));
        return dict.randomKey(random).bytes();
    }

    /** Every member, in Redis' order: ascending for an intset, table order for a hash table. */
    public void forEach(Consumer<byte[]> action) {
        if (ints != null) {
            for (int i = 0; i < ints.size(); i++) action.accept(Numbers.ll2string(ints.get(i)));
        } else {
            dict.forEach((k, v) -> action.accept(k.bytes()));
        }
    }

    /** The first {@code n} members in {@link #forEach} order: a size sample. */
    void forFirst(int n, Consumer<byte[]> action) {
        if (ints != null) {
            for (int i = 0; i < Math.min(n, ints.size()); i++) action.accept(Numbers.ll2string(ints.get(i)));
        } else {
            dict.forFirst(n, (k, v) -> action.accept(k.bytes()));
        }
    }

    /** The members as a list, in {@link #forEach} order. */
    public List<byte[]> members() {
        List<byte[]> out = new ArrayList<>(size());
        forEach(out::add);
        return out;
    }

    /**
     * One SSCAN step: an intset answers every matching member at once with cursor 0, as Redis
     * does for packed encodings; a hash table walks from the request's cursor.
     */
    long scan(ScanRequest request, List<Reply> out) {
        if (ints != null) {
            forEach(m -> {
                if (request.matches(m)) out.add(Reply.bulk(m));
            });
            return 0;
        }
        return request.walk(dict, (k, v) -> {
            if (request.matches(k.bytes())) out.add(Reply.bulk(k.bytes()));
        });
    }

    /** The packed integers while the set is an intset (for RDB export); null otherwise. */
    public IntSet intset() {
        return ints;
    }

    private void toHashTable() {
        dict = new Dict<>();
        for (int i = 0; i < ints.size(); i++) dict.put(new Key(Numbers.ll2string(ints.get(i))), Boolean.TRUE);
        ints = null;
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public String encoding() {
        return ints != null ? "intset" : "hashtable";
    }

    @Override
    public SetValue copy() {
        SetValue c = new SetValue(limits);
        if (ints != null) {
            c.ints = ints.copy();
        } else {
            c.toHashTable();
            dict.forEach((k, v) -> c.dict.put(k, Boolean.TRUE));
        }
        return c;
    }

    /** Members sorted by their bytes, each as length then bytes: independent of encoding and table order. */
    @Override
    public void digestInto(java.security.MessageDigest md) {
        List<byte[]> sorted = members();
        sorted.sort(Arrays::compareUnsigned);
        for (byte[] m : sorted) {
            md.update(ByteBuffer.allocate(Integer.BYTES).putInt(m.length).array());
            md.update(m);
        }
    }
}
