package io.memstone.acl;

/**
 * Why ACLs refuse a command, and for a key or channel the position in argv of the one that
 * was refused. Reasons are in Redis' order of precedence (ACL_DENIED_*): when no selector
 * allows a command, the refusal reported is the highest reason, then the latest position.
 */
public record Denial(Reason reason, int position) {
    public enum Reason {
        COMMAND("command"), KEY("key"), AUTH("auth"), CHANNEL("channel");

        /** The name ACL LOG gives the reason. */
        public final String logName;

        Reason(String logName) {
            this.logName = logName;
        }
    }

    boolean outranks(Denial other) {
        int c = reason.compareTo(other.reason);
        return c > 0 || (c == 0 && position > other.position);
    }
}
