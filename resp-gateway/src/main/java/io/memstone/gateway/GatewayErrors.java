package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Error replies the gateway itself produces, worded byte for byte like redis-server 7.0. */
final class GatewayErrors {
    static final Reply CROSSSLOT = Reply.error("CROSSSLOT Keys in request don't hash to the same slot");
    private static final int MAX_SHOWN = 128;

    private GatewayErrors() {}

    /** {@code ERR unknown command 'X', with args beginning with: 'a' 'b' } (with the trailing space). */
    static Reply unknownCommand(byte[][] argv) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < argv.length && args.length() < MAX_SHOWN; i++) {
            String shown = cString(argv[i], MAX_SHOWN - args.length());
            args.append('\'').append(shown).append("' ");
        }
        return error("ERR unknown command '" + cString(argv[0], MAX_SHOWN) + "', with args beginning with: " + args);
    }

    /** {@code ERR unknown subcommand 'x'. Try CLIENT HELP.} */
    static Reply unknownSubcommand(byte[][] argv) {
        String container = cString(argv[0], Integer.MAX_VALUE).toUpperCase(Locale.ROOT);
        return error("ERR unknown subcommand '" + cString(argv[1], MAX_SHOWN) + "'. Try " + container + " HELP.");
    }

    /** {@code ERR unknown subcommand or wrong number of arguments for 'get'. Try SLOWLOG HELP.} */
    static Reply subcommandSyntax(byte[][] argv) {
        String container = cString(argv[0], Integer.MAX_VALUE).toUpperCase(Locale.ROOT);
        return error("ERR unknown subcommand or wrong number of arguments for '" + cString(argv[1], MAX_SHOWN)
                + "'. Try " + container + " HELP.");
    }

    /**
     * The reply for a failed executor future: a message that starts with an upper-case error
     * code (TRYAGAIN, CLUSTERDOWN, MOVED...) is passed through, anything else becomes ERR.
     */
    static Reply fromFailure(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) message = t.getClass().getSimpleName();
        return error(hasErrorCode(message) ? message : "ERR " + message);
    }

    /** Like Redis' addReplyError: newlines inside the text would break the protocol. */
    static Reply error(String text) {
        return Reply.error(text.replace('\r', ' ').replace('\n', ' '));
    }

    private static boolean hasErrorCode(String message) {
        int space = message.indexOf(' ');
        String code = space < 0 ? message : message.substring(0, space);
        return code.length() >= 2 && code.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    /** An argument as C's {@code %.Ns} prints it: up to the first NUL, at most {@code max} bytes. */
    private static String cString(byte[] b, int max) {
        int end = 0;
        while (end < b.length && end < max && b[end] != 0) end++;
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
