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

    /** Redis' tryObjectEncoding: integers in range as "int", short strings "embstr". */
    @Override
    public String encoding() {
        if (bytes.length <= 20 && Numbers.string2ll(bytes).isPresent()) return "int";
        return bytes.length <= 44 ? "embstr" : "raw";
    }

    @Override
    public StringValue copy() {
        return this;
    }

    @Override
    public void digestInto(java.security.MessageDigest md) {
        md.update(bytes);
    }
}
