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

    record FieldValue(byte[] field, byte[] value) {}

    record ScoredMember(byte[] member, double score) {}
}
