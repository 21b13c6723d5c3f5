package io.memstone.raft;

/** A command could not be committed or read: no leader could be reached in time. */
public final class ShardUnavailableException extends RuntimeException {
    public ShardUnavailableException(String shard, Throwable cause) {
        super("TRYAGAIN shard " + shard + " is unavailable: " + rootMessage(cause), cause);
    }

    private static String rootMessage(Throwable t) {
        if (t == null) return "no reply";
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName();
    }
}
