package io.memstone.engine;

import java.io.IOException;

/** A snapshot file that fails its checks: wrong magic or version, bad checksum, truncated. */
public final class CorruptSnapshotException extends IOException {
    public CorruptSnapshotException(String message) {
        super(message);
    }
}
