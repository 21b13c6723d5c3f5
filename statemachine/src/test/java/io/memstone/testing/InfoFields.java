package io.memstone.testing;

/** Fields of an INFO reply, for tests of redis-server and Memstone alike. */
public final class InfoFields {
    private InfoFields() {}

    /** The value of {@code name} in {@code info}; fails naming it when INFO has no such field. */
    public static String field(String info, String name) {
        for (String line : info.split("\r\n")) if (line.startsWith(name + ":")) return line.substring(name.length() + 1);
        throw new AssertionError("INFO has no " + name + ": " + info);
    }

    /** The value of {@code name} in {@code info} as a number. */
    public static long number(String info, String name) {
        return Long.parseLong(field(info, name));
    }
}
