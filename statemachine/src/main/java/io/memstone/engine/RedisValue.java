package io.memstone.engine;

/** A value in the keyspace: one of Redis' data types. */
public interface RedisValue {
    /** The name TYPE replies with: {@code string}, {@code list}, {@code hash}, ... */
    String typeName();

    /** Feeds the value's contents to a digest, so equal contents give equal digests. */
    void digestInto(java.security.MessageDigest md);
}
