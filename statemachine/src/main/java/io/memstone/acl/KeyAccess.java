package io.memstone.acl;

import io.memstone.command.CommandSpec;
import io.memstone.command.KeySpec;

/**
 * What a command needs on its keys: read ({@code ACCESS}) and/or write permission as its key
 * spec says, except for the two commands whose spec says VARIABLE_FLAGS, which Redis decides
 * from the arguments (setGetKeys, bitfieldGetKeys): SET reads only with GET, BITFIELD writes
 * only with SET, INCRBY or a malformed argument list.
 */
final class KeyAccess {
    private KeyAccess() {}

    static int needed(CommandSpec spec, KeySpec ks, byte[][] argv) {
        return switch (spec.fullName()) {
            case "set" -> KeyPattern.WRITE | (setReads(argv) ? KeyPattern.READ : 0);
            case "bitfield" -> KeyPattern.READ | (bitfieldReadOnly(argv) ? 0 : KeyPattern.WRITE);
            default -> (ks.reads() ? KeyPattern.READ : 0) | (ks.writes() ? KeyPattern.WRITE : 0);
        };
    }

    private static boolean setReads(byte[][] argv) {
        for (int i = 3; i < argv.length; i++) {
            if (is(argv[i], "get")) return true;
        }
        return false;
    }

    private static boolean bitfieldReadOnly(byte[][] argv) {
        for (int i = 2; i < argv.length; i++) {
            int remaining = argv.length - i - 1;
            if (is(argv[i], "get") && remaining >= 2) {
                i += 2;
            } else if ((is(argv[i], "set") || is(argv[i], "incrby")) && remaining >= 3) {
                return false;
            } else if (is(argv[i], "overflow") && remaining >= 1) {
                i += 1;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean is(byte[] arg, String word) {
        return Latin1.text(arg).equalsIgnoreCase(word);
    }
}
