package io.memstone.engine.script;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A library's first line, {@code #!<engine> name=<library>} (Redis 7.0's
 * functionExtractLibMetaData), and the code after it, which keeps the line's line feed so line
 * numbers stay the user's.
 */
record LibraryMetadata(String engine, String name, byte[] code) {
    /** Thrown with the message (without its ERR code) of a first line Redis refuses. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    static LibraryMetadata parse(byte[] payload) throws Refused {
        if (payload.length < 2 || payload[0] != '#' || payload[1] != '!') throw new Refused("Missing library metadata");
        int end = 0;
        while (end < payload.length && payload[end] != '\n') end++;
        if (end == payload.length) throw new Refused("Invalid library metadata");
        String line = new String(payload, 0, end, StandardCharsets.UTF_8).trim();
        String[] parts = line.split("[ \t\r]+");
        String name = null;
        for (String part : Arrays.asList(parts).subList(1, parts.length)) {
            if (!part.regionMatches(true, 0, "name=", 0, 5)) throw new Refused("Invalid metadata value given: " + part);
            if (name != null) throw new Refused("Invalid metadata value, name argument was given multiple times");
            name = part.substring(5);
        }
        if (name == null) throw new Refused("Library name was not given");
        return new LibraryMetadata(parts[0].substring(2), name, Arrays.copyOfRange(payload, end, payload.length));
    }

    /** functionsVerifyName: letters, digits and underscores, at least one. */
    static boolean validName(String name) {
        return name.matches("[A-Za-z0-9_]+");
    }
}
