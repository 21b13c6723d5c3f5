package io.memstone.engine;

/**
 * A Redis string. Immutable: commands that change a string (APPEND, INCR) store a new one,
 * so a value handed to a reply or a snapshot never changes underneath it.
 */
public final class StringValue implements RedisValue {
    private final byte[] bytes;

    public StringValue(byte[] bytes) {
        this.bytes = bytes;
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public void digestInto(java.security.MessageDigest md) {
        md.update(bytes);
    }
}
