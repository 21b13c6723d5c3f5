package io.memstone.engine;

/**
 * An input of ZUNION, ZINTER, ZDIFF and their STORE forms: a sorted set, or a plain set
 * whose members all score 1 (see {@code ZSetAlgebra.input}).
 */
interface ScoredMembers {
    int size();

    /** The member's score, or NaN when absent. */
    double score(byte[] member);

    /** Every member with its score, in the input's own order. */
    void forEach(ZSetValue.EntryVisitor visitor);
}
