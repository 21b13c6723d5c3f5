package io.memstone.engine;

/**
 * The timeout argument of the blocking commands, in seconds, as Redis 7.0's
 * getTimeoutFromObjectOrReply reads it: a long double, times 1000, rounded up to whole ms.
 * A value too large for 64 bits (infinity included) ends up negative on x86, as in Redis.
 */
public final class BlockingTimeout {
    static final Reply NOT_FLOAT = Reply.error("ERR timeout is not a float or out of range");
    static final Reply NEGATIVE = Reply.error("ERR timeout is negative");

    private BlockingTimeout() {}

    /** Milliseconds to wait, 0 for ever; the error Redis answers for a bad timeout otherwise. */
    static long millis(byte[] arg) {
        LongDouble seconds = LongDouble.parse(arg);
        if (seconds == null) throw new CommandError(NOT_FLOAT);
        long ms = seconds.ceilTimes(1000);
        if (ms < 0) throw new CommandError(NEGATIVE);
        return ms;
    }

    /**
     * For the gateway, which parks a client after the engine accepted its command: the
     * timeout in ms (0 for ever), or -1 when it is not valid.
     */
    public static long parse(byte[] arg) {
        try {
            return millis(arg);
        } catch (CommandError e) {
            return -1;
        }
    }
}
