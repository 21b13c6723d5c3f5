package io.memstone.engine;

/** Redis' shared error replies, worded exactly as redis-server 7 words them. */
public final class Errors {
    private Errors() {}

    public static final Reply SYNTAX = Reply.error("ERR syntax error");
    public static final Reply NOT_INTEGER = Reply.error("ERR value is not an integer or out of range");
    public static final Reply NOT_FLOAT = Reply.error("ERR value is not a valid float");
    public static final Reply WRONGTYPE =
            Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value");
    public static final Reply OVERFLOW = Reply.error("ERR increment or decrement would overflow");
    public static final Reply NAN_OR_INFINITY = Reply.error("ERR increment would produce NaN or Infinity");
    public static final Reply DECREMENT_OVERFLOW = Reply.error("ERR decrement would overflow");
    public static final Reply STRING_TOO_LONG =
            Reply.error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    public static final Reply MUST_BE_POSITIVE = Reply.error("ERR value is out of range, must be positive");
    /** Redis' reply to a count it will not serve (HRANDFIELD's WITHVALUES beyond ±LONG_MAX/2...). */
    public static final Reply VALUE_OUT_OF_RANGE = Reply.error("ERR value is out of range");
    public static final Reply INDEX_OUT_OF_RANGE = Reply.error("ERR index out of range");
    /** Redis' getIntFromObjectOrReply, for an integer beyond a C int. */
    public static final Reply NOT_INT =
            Reply.error("ERR value is out of range, value must between -2147483648 and 2147483647");
    /** LMPOP's and ZMPOP's numkeys and COUNT. */
    public static final Reply NUMKEYS_NOT_POSITIVE = Reply.error("ERR numkeys should be greater than 0");
    public static final Reply COUNT_NOT_POSITIVE = Reply.error("ERR count should be greater than 0");
    public static final Reply NO_SUCH_KEY = Reply.error("ERR no such key");
    /** Memstone is a cluster: like Redis in cluster mode it has only database 0. */
    public static final Reply SELECT_IN_CLUSTER = Reply.error("ERR SELECT is not allowed in cluster mode");

    /** A command that changes state, sent on the read path: it must go through the log. */
    static Reply writeOnReadPath(String name) {
        return Reply.error("ERR write command '" + name + "' on the read path");
    }

    public static Reply wrongArity(String fullName) {
        return Reply.error("ERR wrong number of arguments for '" + fullName + "' command");
    }

    /**
     * Redis' reply to a container command with an unknown subcommand: the subcommand as a C
     * string cut at 128 bytes, newlines blanked as in every error.
     */
    public static Reply unknownSubcommand(byte[][] argv) {
        String sub = new String(argv[1], 0, Math.min(128, CommandContext.cLength(argv[1])),
                java.nio.charset.StandardCharsets.UTF_8).replace('\r', ' ').replace('\n', ' ');
        String command = CommandContext.lowerName(argv[0]).toUpperCase(java.util.Locale.ROOT);
        return Reply.error("ERR unknown subcommand '" + sub + "'. Try " + command + " HELP.");
    }

    /** What a command answers when it fails on a bug of the engine's rather than on its input. */
    public static Reply internalError(String command) {
        return Reply.error("ERR internal error in " + command.toUpperCase(java.util.Locale.ROOT));
    }

    public static Reply invalidExpireTime(String command) {
        return Reply.error("ERR invalid expire time in '" + command + "' command");
    }
}
