package io.memstone.rdb;

import java.util.List;

/**
 * A Redis value as the RDB format carries it, independent of how the engine stores it. Order
 * is the order read or to be written: meaningful for lists (and Redis' order for the others).
 * Expiry is not part of a value: RDB files and DUMP carry it separately.
 */
public sealed interface RdbValue {
    record RdbString(byte[] bytes) implements RdbValue {}

    record RdbList(List<byte[]> elements) implements RdbValue {}

    record RdbSet(List<byte[]> members) implements RdbValue {}

    record RdbHash(List<FieldValue> entries) implements RdbValue {}

    record RdbZSet(List<ScoredMember> entries) implements RdbValue {}

    /**
     * A stream as the body of an RDB object of type 19 (listpacks_2, Redis 7.0): written by the
     * engine, which knows the stream's nodes; not read back yet.
     */
    record RdbStream(byte[] encoded) implements RdbValue {}

    record FieldValue(byte[] field, byte[] value) {}

    record ScoredMember(byte[] member, double score) {}
}
