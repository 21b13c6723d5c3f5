package io.memstone.acl;

/**
 * Which arguments of a command are Pub/Sub channels ACLs check (Redis' commands_with_channels,
 * less the unsubscribing commands, which ACLs never refuse): from {@code first} to the end, or
 * only {@code first}; {@code patterns} when they are patterns, compared literally with the
 * user's channel patterns.
 */
record ChannelArgs(int first, boolean toEnd, boolean patterns) {
    private static final ChannelArgs SUBSCRIBE = new ChannelArgs(1, true, false);
    private static final ChannelArgs PSUBSCRIBE = new ChannelArgs(1, true, true);
    private static final ChannelArgs PUBLISH = new ChannelArgs(1, false, false);

    /** The channel arguments of a command; null for a command without any. */
    static ChannelArgs of(String fullName) {
        return switch (fullName) {
            case "subscribe", "ssubscribe" -> SUBSCRIBE;
            case "psubscribe" -> PSUBSCRIBE;
            case "publish", "spublish" -> PUBLISH;
            default -> null;
        };
    }

    int last(int argc) {
        return toEnd ? argc - 1 : Math.min(first, argc - 1);
    }
}
