package io.memstone.acl;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Passwords are kept only as the lower-case hex SHA-256 Redis stores (ACLHashPassword). */
public final class PasswordHash {
    private PasswordHash() {}

    public static String of(byte[] password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Redis' ACLCheckPasswordHash: 64 characters of 0-9 a-f. */
    static boolean valid(String hash) {
        if (hash.length() != 64) return false;
        for (int i = 0; i < hash.length(); i++) {
            char c = hash.charAt(i);
            if ((c < 'a' || c > 'f') && (c < '0' || c > '9')) return false;
        }
        return true;
    }

    /** Compares in time independent of where the hashes differ. */
    static boolean same(String a, String b) {
        return MessageDigest.isEqual(Latin1.bytes(a), Latin1.bytes(b));
    }
}
