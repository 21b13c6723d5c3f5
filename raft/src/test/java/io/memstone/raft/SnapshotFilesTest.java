package io.memstone.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memstone.engine.Engine;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.util.MD5FileUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot files as written on disk: never in place without their MD5. */
class SnapshotFilesTest {
    @TempDir
    Path dir;

    @Test
    void aSnapshotIsInPlaceOnlyWithItsMd5AsWritten() throws Exception {
        SnapshotFiles files = files();
        Engine engine = new Engine();
        TermIndex at = TermIndex.valueOf(1, 7);
        var info = files.write(engine.captureSnapshot(), new Object(), at);
        File written = info.getFile().getPath().toFile();
        assertEquals(MD5FileUtil.computeMd5ForFile(written), MD5FileUtil.readStoredMd5ForFile(written),
                "the MD5 saved beside it is the file's, computed as it was written");
        assertEquals(MD5FileUtil.computeMd5ForFile(written), info.getFile().getFileDigest());
    }

    @Test
    void aSnapshotWhoseMd5CannotBeSavedIsNotPutInPlace() throws Exception {
        SnapshotFiles files = files();
        TermIndex at = TermIndex.valueOf(1, 9);
        File target = storage.getSnapshotFile(at.getTerm(), at.getIndex());
        // Where the MD5 file goes, a directory: saving it fails, as a full disk or a crash would.
        Files.createDirectories(MD5FileUtil.getDigestFileForFile(target).toPath());
        assertThrows(IOException.class, () -> files.write(new Engine().captureSnapshot(), new Object(), at));
        assertFalse(target.exists(), "a snapshot without its MD5 must not be in place: Ratis would refuse to send it");
    }

    private SimpleStateMachineStorage storage;

    private SnapshotFiles files() throws IOException {
        RaftStorage raftStorage = RaftStorage.newBuilder().setDirectory(dir.toFile())
                .setOption(RaftStorage.StartupOption.FORMAT).setStorageFreeSpaceMin(org.apache.ratis.util.SizeInBytes.ONE_MB)
                .setLogCorruptionPolicy(org.apache.ratis.server.RaftServerConfigKeys.Log.CorruptionPolicy.EXCEPTION).build();
        raftStorage.initialize();
        storage = new SimpleStateMachineStorage();
        storage.init(raftStorage);
        return new SnapshotFiles(storage, raftStorage.getStorageDir().getStateMachineDir().toPath(),
                raftStorage.getStorageDir().getCurrentDir().toPath(), "shard-test", () -> "n1 shard-test");
    }
}
