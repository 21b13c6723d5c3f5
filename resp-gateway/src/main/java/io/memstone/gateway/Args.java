package io.memstone.gateway;

import io.memstone.engine.Numbers;
import io.memstone.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** Argument helpers shared by the gateway's commands, with Redis' wording for bad values. */
final class Args {
    private Args() {}

    static String text(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8);
    }

    static boolean is(byte[] arg, String word) {
        return text(arg).equalsIgnoreCase(word);
    }

    /** Redis' getIntFromObject: a strict integer within int range, else empty. */
    static OptionalLong intValue(byte[] arg) {
        OptionalLong v = Numbers.string2ll(arg);
        return v.isPresent() && v.getAsLong() == (int) v.getAsLong() ? v : OptionalLong.empty();
    }

    /**
     * Redis' validateClientName (and 7.2's attribute check): printable ASCII other than space,
     * so CLIENT LIST stays parseable.
     */
    static boolean printableWord(byte[] arg) {
        for (byte b : arg) {
            if (b < '!' || b > '~') return false;
        }
        return true;
    }

    static final Reply BAD_CLIENT_NAME =
            Reply.error("ERR Client names cannot contain spaces, newlines or special characters.");
}
