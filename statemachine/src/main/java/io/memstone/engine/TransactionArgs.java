package io.memstone.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The argv of the internal transaction commands, which the gateway builds and the engine reads:
 * <pre>
 *   __watch key [key ...]            read: replies [version, live (1 or 0)] per key
 *   __exec n [key version live]×n [argc arg...]...   write: the whole transaction, one log entry
 * </pre>
 * Plain argv, so a transaction rides the ordinary write path: one command of one batch, whose
 * proposer and sequence keep it from being applied twice.
 */
public final class TransactionArgs {
    static final String WATCH = "__watch";
    static final String EXEC = "__exec";

    private TransactionArgs() {}

    /** A watched key as WATCH saw it: its version, and whether it held a live value. */
    public record Watched(byte[] key, long version, boolean live) {}

    /** A parsed {@code __exec}. */
    record Transaction(List<Watched> watched, List<byte[][]> commands) {}

    public static byte[][] watch(List<byte[]> keys) {
        byte[][] argv = new byte[keys.size() + 1][];
        argv[0] = ascii(WATCH);
        for (int i = 0; i < keys.size(); i++) argv[i + 1] = keys.get(i);
        return argv;
    }

    /** What {@code __watch keys} replied, one {@link Watched} per key; null if the reply is not that. */
    public static List<Watched> watched(List<byte[]> keys, Reply reply) {
        if (!(reply instanceof Reply.Array a) || a.items().size() != 2 * keys.size()) return null;
        List<Watched> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            if (!(a.items().get(2 * i) instanceof Reply.Int v) || !(a.items().get(2 * i + 1) instanceof Reply.Int live)) {
                return null;
            }
            out.add(new Watched(keys.get(i), v.value(), live.value() != 0));
        }
        return out;
    }

    public static byte[][] exec(List<Watched> watched, List<byte[][]> commands) {
        List<byte[]> argv = new ArrayList<>();
        argv.add(ascii(EXEC));
        argv.add(number(watched.size()));
        for (Watched w : watched) {
            argv.add(w.key());
            argv.add(number(w.version()));
            argv.add(number(w.live() ? 1 : 0));
        }
        for (byte[][] c : commands) {
            argv.add(number(c.length));
            for (byte[] arg : c) argv.add(arg);
        }
        return argv.toArray(new byte[0][]);
    }

    /** Reads an {@code __exec} argv; a malformed one (never built by a gateway) is a syntax error. */
    static Transaction parse(byte[][] argv) {
        int at = 1;
        int n = count(argv, at++);
        if (n > (argv.length - at) / 3) throw new CommandError(Errors.SYNTAX);
        List<Watched> watched = new ArrayList<>(n);
        for (int i = 0; i < n; i++, at += 3) {
            watched.add(new Watched(argv[at], CommandContext.parseLong(argv[at + 1]), count(argv, at + 2) != 0));
        }
        List<byte[][]> commands = new ArrayList<>();
        while (at < argv.length) {
            int argc = count(argv, at++);
            if (argc < 1 || argc > argv.length - at) throw new CommandError(Errors.SYNTAX);
            byte[][] c = new byte[argc][];
            System.arraycopy(argv, at, c, 0, argc);
            commands.add(c);
            at += argc;
        }
        return new Transaction(watched, commands);
    }

    private static int count(byte[][] argv, int i) {
        long v = CommandContext.parseLong(argv[i]);
        if (v < 0 || v > Integer.MAX_VALUE) throw new CommandError(Errors.SYNTAX);
        return (int) v;
    }

    private static byte[] number(long v) {
        return ascii(Long.toString(v));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
