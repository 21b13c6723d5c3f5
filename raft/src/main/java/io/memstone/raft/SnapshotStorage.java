package io.memstone.raft;

import java.io.IOException;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;

/**
 * Ratis' snapshot storage, without its directory scan on every question while no snapshot
 * exists: a leader's log appenders ask on every turn of their loop (whether to install a
 * snapshot), so a group without a snapshot listed its directory thousands of times a second.
 * Snapshots only appear through {@link #updateLatestSnapshot} once the directory has been
 * scanned at start (written here, or installed from the leader and then loaded).
 */
final class SnapshotStorage extends SimpleStateMachineStorage {
    private volatile boolean scanned;
    private volatile SingleFileSnapshotInfo latest;

    @Override
    public void init(RaftStorage storage) throws IOException {
        super.init(storage);
        scanned = true;
    }

    @Override
    public SingleFileSnapshotInfo getLatestSnapshot() {
        return scanned ? latest : super.getLatestSnapshot();
    }

    @Override
    public SingleFileSnapshotInfo updateLatestSnapshot(SingleFileSnapshotInfo info) {
        SingleFileSnapshotInfo newest = super.updateLatestSnapshot(info);
        latest = newest;
        return newest;
    }
}
