package io.memstone.engine.script;

import io.memstone.engine.Reply;

/** The error replies of scripting, worded as Redis 7.0's. */
public final class ScriptErrors {
    public static final Reply NOSCRIPT = Reply.error("NOSCRIPT No matching script. Please use EVAL.");
    public static final Reply UNKNOWN_COMMAND = Reply.error("ERR Unknown Redis command called from script");
    public static final Reply WRONG_ARGS = Reply.error("ERR Wrong number of args calling Redis command from script");
    public static final Reply NOT_ALLOWED = Reply.error("ERR This Redis command is not allowed from script");
    public static final Reply NON_LOCAL_KEY =
            Reply.error("ERR Script attempted to access a non local key in a cluster node script");
    public static final Reply OTHER_SLOT =
            Reply.error("ERR Script attempted to access keys that do not hash to the same slot");
    public static final Reply TOO_MANY_KEYS = Reply.error("ERR Number of keys can't be greater than number of args");
    public static final Reply NEGATIVE_KEYS = Reply.error("ERR Number of keys can't be negative");
    public static final Reply WRITE_IN_READ_ONLY =
            Reply.error("ERR Write commands are not allowed from read-only scripts.");

    private ScriptErrors() {}

    /** Redis replaces CR and LF with spaces in error and status lines it builds from script values. */
    static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }

    /** luaCallFunction's error: the message, then which script and line raised it when known. */
    static Reply raised(String message, String sha, String source, long line) {
        String text = message == null ? "ERR unknown error" : message;
        if (source != null) text += " script: " + sha + ", on " + source + ":" + line + ".";
        return Reply.error(oneLine(text));
    }
}
