package io.memstone.raft;

import io.memstone.engine.CorruptSnapshotException;
import io.memstone.engine.Engine;
import io.memstone.engine.EngineSnapshot;
import io.memstone.engine.SnapshotCapture;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard's snapshot files, named as Ratis' {@link SimpleStateMachineStorage} expects
 * ({@code snapshot.TERM_INDEX} plus an MD5 file, which Ratis' chunked install to followers
 * checks). Writes are atomic (temporary file, fsync, rename). Loading takes the newest file that
 * passes {@link EngineSnapshot}'s checks; a corrupt one is reported, renamed aside and the next
 * older one tried, so a node never starts from silently wrong data.
 */
final class SnapshotFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);

    /** A snapshot loaded from disk. */
    record Found(SingleFileSnapshotInfo info, Engine engine) {}

    private static final Pattern SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?");

    private final SimpleStateMachineStorage storage;
    private final Path dir;
    private final Path logDir;
    private final String shard;
    private final Supplier<?> logName;

    /**
     * {@code dir} holds the snapshots, {@code logDir} the Raft log segments; {@code shard} goes in
     * the files' headers, {@code logName} (node and shard) in front of log lines.
     */
    SnapshotFiles(SimpleStateMachineStorage storage, Path dir, Path logDir, String shard, Supplier<?> logName) {
        this.storage = storage;
        this.dir = dir;
        this.logDir = logDir;
        this.shard = shard;
        this.logName = logName;
    }

    /**
     * Writes a capture of the engine as of {@code applied}: the engine lock is held one chunk
     * at a time (see {@link EngineSnapshot#write(SnapshotCapture, Object, String, long, long,
     * java.io.OutputStream)}). The file is fsynced, its MD5 (computed as it is written) saved
     * beside it, and only then is it renamed into place and the rename made durable: a snapshot
     * in place always has its MD5, which Ratis checks before it sends the file to a follower.
     */
    SingleFileSnapshotInfo write(SnapshotCapture capture, Object engineLock, TermIndex applied) throws IOException {
        File file = storage.getSnapshotFile(applied.getTerm(), applied.getIndex());
        Path tmp = file.toPath().resolveSibling(file.getName() + ".writing");
        long started = System.nanoTime();
        EngineSnapshot.Written written;
        MessageDigest digest = MD5FileUtil.newMD5();
        try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            written = EngineSnapshot.write(capture, engineLock, shard, applied.getTerm(), applied.getIndex(), new DigestOutputStream(out, digest));
            out.getChannel().force(true);
        }
        MD5Hash md5 = MD5Hash.newInstance(digest.digest());
        putInPlace(tmp, file, md5);
        LOG.info("{}: snapshot {} written: {} keys, {} bytes, {} ms, engine lock held at most {} µs at a time", logName.get(), file,
                capture.size(), file.length(), (System.nanoTime() - started) / 1_000_000,
                written.longestHoldNanos() / 1_000);
        return new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), applied);
    }

    /**
     * Puts a written, fsynced snapshot file in place: its MD5 saved beside the final name first,
     * then the rename, then the directory fsynced so that the rename survives a crash.
     */
    static void putInPlace(Path written, File file, MD5Hash md5) throws IOException {
        MD5FileUtil.saveMD5File(file, md5);
        Files.move(written, file.toPath(), StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(file.toPath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** The newest valid snapshot, or null when there is none at all. */
    Found loadNewest() throws IOException {
        List<Path> files = snapshotFiles();
        for (Path file : files) {
            TermIndex ti = SimpleStateMachineStorage.getTermIndexFromSnapshotFile(file.toFile());
            long started = System.nanoTime();
            try (InputStream in = Files.newInputStream(file)) {
                EngineSnapshot.Loaded loaded = EngineSnapshot.read(in);
                if (loaded.header().index() != ti.getIndex() || loaded.header().term() != ti.getTerm()) {
                    throw new CorruptSnapshotException("header says " + loaded.header().term() + "_"
                            + loaded.header().index() + ", the file name " + ti.getTerm() + "_" + ti.getIndex());
                }
                long firstLogged = firstLogIndex();
                // An empty log is fine: the leader sends what follows the snapshot.
                if (firstLogged != Long.MAX_VALUE && firstLogged > ti.getIndex() + 1) {
                    throw new IOException("snapshot " + file + " ends at index " + ti.getIndex()
                            + " but the local log starts at " + firstLogged + ": the entries between are gone;"
                            + " to rejoin from the other replicas, stop this node and empty its data directory");
                }
                MD5Hash md5 = md5(file);
                LOG.info("{}: loaded snapshot {}: {} keys in {} ms", logName.get(), file, loaded.header().keys(),
                        (System.nanoTime() - started) / 1_000_000);
                return new Found(new SingleFileSnapshotInfo(new FileInfo(file, md5), ti), loaded.engine());
            } catch (CorruptSnapshotException e) {
                Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
                LOG.error("{}: snapshot {} is corrupt ({}); moved to {}, trying an older one", logName.get(), file, e.getMessage(), aside);
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(MD5FileUtil.getDigestFileForFile(file.toFile()).toPath());
            }
        }
        if (!files.isEmpty()) {
            throw new IOException("no valid snapshot left in " + dir
                    + "; to rejoin from the other replicas, stop this node and empty its data directory");
        }
        return null;
    }

    /**
     * The MD5 saved beside a snapshot when it was written (Ratis' install to a follower checks
     * it), computed again only if missing or unreadable: over 1 GB that is seconds of a restart.
     */
    private MD5Hash md5(Path file) {
        try {
            MD5Hash stored = MD5FileUtil.readStoredMd5ForFile(file.toFile());
            if (stored != null) return stored;
        } catch (IOException e) {
            LOG.warn("{}: unreadable MD5 file beside snapshot {} ({}); computing it again", logName.get(), file, e.getMessage());
        }
        return MD5FileUtil.computeAndSaveMd5ForFile(file.toFile());
    }

    /** The first index in the local Raft log, or Long.MAX_VALUE when it holds no segment. */
    private long firstLogIndex() throws IOException {
        if (!Files.isDirectory(logDir)) return Long.MAX_VALUE;
        try (Stream<Path> list = Files.list(logDir)) {
            return list.map(p -> SEGMENT.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToLong(m -> Long.parseLong(m.group(1)))
                    .min().orElse(Long.MAX_VALUE);
        }
    }

    /** Snapshot files in the state machine directory, newest (highest index) first. */
    private List<Path> snapshotFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> matcher(p).matches()).forEach(out::add);
        }
        out.sort(Comparator.comparingLong((Path p) -> SimpleStateMachineStorage.getTermIndexFromSnapshotFile(p.toFile())
                .getIndex()).reversed());
        return out;
    }

    private static Matcher matcher(Path p) {
        return SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(p.getFileName().toString());
    }
}
