package io.memstone.rdb;

/** RDB bytes that do not decode: truncated, inconsistent, or of a type Memstone cannot hold. */
public final class RdbFormatException extends RuntimeException {
    public RdbFormatException(String message) {
        super(message);
    }

    /** Fails with {@code message} unless {@code condition} holds. */
    static void check(boolean condition, String message) {
        if (!condition) throw new RdbFormatException(message);
    }
}
