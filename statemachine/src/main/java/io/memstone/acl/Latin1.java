package io.memstone.acl;

import java.nio.charset.StandardCharsets;

/**
 * ACL names, patterns and rules are binary strings in Redis; here each byte is one char
 * (ISO-8859-1), so they round-trip unchanged and sort by unsigned byte, as Redis' rax does.
 */
public final class Latin1 {
    private Latin1() {}

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
