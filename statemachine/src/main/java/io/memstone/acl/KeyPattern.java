package io.memstone.acl;

import io.memstone.engine.Glob;

/**
 * A key pattern of a selector and what it grants: {@code ~p} reading and writing, {@code %R~p}
 * reading, {@code %W~p} writing. Mutable only while its selector is built.
 */
final class KeyPattern {
    static final int READ = 1;
    static final int WRITE = 2;
    static final int ALL = READ | WRITE;

    final String pattern;
    private final byte[] bytes;
    int permissions;

    KeyPattern(String pattern, int permissions) {
        this.pattern = pattern;
        this.bytes = Latin1.bytes(pattern);
        this.permissions = permissions;
    }

    KeyPattern copy() {
        return new KeyPattern(pattern, permissions);
    }

    /** Whether this pattern grants {@code needed} (READ and/or WRITE) on {@code key}. */
    boolean grants(byte[] key, int needed) {
        return (permissions & needed) == needed && Glob.matches(bytes, key);
    }

    /** As ACL LIST and GETUSER write it. */
    @Override
    public String toString() {
        String prefix = switch (permissions) {
            case READ -> "%R~";
            case WRITE -> "%W~";
            default -> "~";
        };
        return prefix + pattern;
    }
}
