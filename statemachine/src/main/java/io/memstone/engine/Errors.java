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
    public static final Reply INDEX_OUT_OF_RANGE = Reply.error("ERR index out of range");
    /** LMPOP's and ZMPOP's numkeys and COUNT. */
    public static final Reply NUMKEYS_NOT_POSITIVE = Reply.error("ERR numkeys should be greater than 0");
    public static final Reply COUNT_NOT_POSITIVE = Reply.error("ERR count should be greater than 0");
    public static final Reply NO_SUCH_KEY = Reply.error("ERR no such key");
    /** Memstone is a cluster: like Redis in cluster mode it has only database 0. */
    public static final Reply SELECT_IN_CLUSTER = Reply.error("ERR SELECT is not allowed in cluster mode");

    public static Reply wrongArity(String fullName) {
        return Reply.error("ERR wrong number of arguments for '" + fullName + "' command");
    }

    public static Reply invalidExpireTime(String command) {
        return Reply.error("ERR invalid expire time in '" + command + "' command");
    }
}
