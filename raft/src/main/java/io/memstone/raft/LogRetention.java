package io.memstone.raft;

/**
 * How much Raft log a shard keeps: a snapshot every {@code snapshotEveryEntries} applied entries
 * lets Ratis purge the closed log segments (of {@code segmentBytes} each) behind it; the newest
 * {@code snapshotsRetained} snapshots stay on disk, so a corrupt newest one has a fallback.
 */
public record LogRetention(long snapshotEveryEntries, int snapshotsRetained, long segmentBytes) {
    public static final LogRetention DEFAULT = new LogRetention(100_000, 2, 64L << 20);

    public LogRetention {
        if (snapshotEveryEntries < 1) throw new IllegalArgumentException("snapshot interval must be at least 1 entry");
        if (snapshotsRetained < 1) throw new IllegalArgumentException("at least one snapshot must be retained");
        if (segmentBytes < 1024) throw new IllegalArgumentException("log segments must be at least 1 KB");
    }
}
