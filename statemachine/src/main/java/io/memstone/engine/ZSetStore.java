package io.memstone.engine;

import java.util.Arrays;

/**
 * One encoding of a sorted set's entries, kept in (score, member-bytes) order. Positions are
 * 0-based ranks. {@link ZSetValue} picks the encoding and converts between them.
 */
interface ZSetStore {
    /**
     * A monotone test over the order: true for a prefix of the entries (those before a range
     * starts, or up to its end), false from some rank on.
     */
    interface Bound {
        boolean before(double score, byte[] member);
    }

    int size();

    /** The member's score, or NaN when absent (a stored score is never NaN). */
    double score(byte[] member);

    /** Adds a member that is not present. */
    void insert(byte[] member, double score);

    boolean remove(byte[] member);

    /** 0-based rank in ascending order, or -1 when absent. */
    long rank(byte[] member);

    /** How many leading entries the bound holds for. */
    long countBefore(Bound bound);

    /** Visits ranks {@code from..to} (inclusive, in range), ascending or descending. */
    void forRange(long from, long to, boolean reverse, ZSetValue.EntryVisitor visitor);

    /** Removes ranks {@code from..to} (inclusive, in range). */
    void removeRange(long from, long to);

    /**
     * One ZSCAN step from the request's cursor: visits some entries and returns the next
     * cursor, 0 when done. A packed set visits everything at once, as Redis does.
     */
    long scan(ScanRequest request, ZSetValue.EntryVisitor visitor);

    ZSetStore copy();

    /** The sorted-set order: by score, then by member bytes (memcmp, shorter first). */
    static int compare(double score1, byte[] member1, double score2, byte[] member2) {
        int c = Double.compare(score1, score2);
        // Double.compare orders -0.0 before 0.0; Redis treats them as equal scores.
        if (score1 == score2) c = 0;
        return c != 0 ? c : Arrays.compareUnsigned(member1, member2);
    }
}
