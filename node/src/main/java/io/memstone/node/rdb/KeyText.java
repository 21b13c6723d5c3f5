package io.memstone.node.rdb;

/** A key as redis-cli shows one: printable ASCII as is, other bytes as \xNN, in quotes. */
final class KeyText {
    private KeyText() {}

    static String of(byte[] key) {
        StringBuilder b = new StringBuilder("\"");
        for (byte x : key) {
            int c = x & 0xff;
            if (c == '"' || c == '\\') b.append('\\').append((char) c);
            else if (c >= 0x20 && c < 0x7f) b.append((char) c);
            else b.append(String.format("\\x%02x", c));
        }
        return b.append('"').toString();
    }
}
