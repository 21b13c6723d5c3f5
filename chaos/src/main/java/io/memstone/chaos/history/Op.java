package io.memstone.chaos.history;

/**
 * One history event, as in Jepsen: an invocation, or its completion. {@code nanos} is time since
 * the run started. {@code value} is what the operation wrote (a register value, a set element, a
 * counter increment, an appended element, a compare-and-set's [expected, new]) or, for a completed read, what it read (a String, a
 * Long, or a List of Strings). {@code error} says why a completion is fail or info.
 */
public record Op(Type type, int process, Fn f, String key, Object value, long nanos, String error) {

    public enum Type {
        INVOKE,
        /** Completed, with the value returned. */
        OK,
        /** Definitely did not take effect. */
        FAIL,
        /** Indeterminate (timeout, lost connection, error reply to a write): may or may not have taken effect. */
        INFO
    }

    /** What the operation does; a CAS's value is the pair [expected, new]. */
    public enum Fn { READ, WRITE, ADD, APPEND, CAS }

    public boolean isRead() {
        return f == Fn.READ;
    }

    public String describe() {
        return String.format("%s p%d %s %s %s @%.3fs%s", type.name().toLowerCase(), process,
                f.name().toLowerCase(), key, value, nanos / 1e9, error == null ? "" : " (" + error + ")");
    }
}
