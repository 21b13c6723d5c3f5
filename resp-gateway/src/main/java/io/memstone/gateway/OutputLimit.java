package io.memstone.gateway;

/**
 * Redis' client-output-buffer-limit for one class of clients: a connection whose unsent output
 * reaches {@code hardBytes}, or stays at or above {@code softBytes} for longer than
 * {@code softMillis}, is closed (checkClientOutputBufferLimits). 0 disables a limit.
 */
record OutputLimit(String clientClass, long hardBytes, long softBytes, long softMillis) {
    /** Redis' default for the pubsub class: {@code pubsub 32mb 8mb 60}. */
    static final OutputLimit PUBSUB = new OutputLimit("pubsub", 32L << 20, 8L << 20, 60_000);
    /**
     * MONITOR clients are in Redis' normal class, which has no limit; Memstone keeps one so a
     * monitor that does not read cannot fill the heap.
     */
    static final OutputLimit MONITOR = new OutputLimit("monitor", 64L << 20, 0, 0);

    /** One connection's standing against a limit: since when it has been over the soft one. */
    static final class Tracker {
        private long overSoftSinceMs = -1;

        /** Whether a connection with {@code pendingBytes} unsent must now be closed. */
        boolean exceeded(OutputLimit limit, long pendingBytes, long nowMs) {
            if (limit.hardBytes > 0 && pendingBytes >= limit.hardBytes) return true;
            if (limit.softBytes == 0 || pendingBytes < limit.softBytes) {
                overSoftSinceMs = -1;
                return false;
            }
            if (overSoftSinceMs < 0) overSoftSinceMs = nowMs;
            return nowMs - overSoftSinceMs > limit.softMillis;
        }
    }
}
