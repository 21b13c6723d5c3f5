package io.memstone.engine;

/** A value in the keyspace: one of Redis' data types. */
public interface RedisValue {
    /** The name TYPE replies with: {@code string}, {@code list}, {@code hash}, ... */
    String typeName();

    /** Feeds the value's contents to a digest, so equal contents give equal digests. */
    void digestInto(java.security.MessageDigest md);

    /** The name OBJECT ENCODING replies with, as redis-server 7.0 would for the same contents. */
    String encoding();

    /** A copy that shares nothing mutable with this value (COPY); immutable values return themselves. */
    RedisValue copy();
}
