package io.memstone.node.admin;

import io.memstone.command.Slots;
import io.memstone.engine.Engine;
import io.memstone.engine.EngineSnapshot;
import io.memstone.engine.Key;
import io.memstone.engine.Reply;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.raft.ClusterShape;
import io.memstone.raft.LocalSnapshot;
import io.memstone.raft.MembershipChanges.Progress;
import io.memstone.raft.RaftNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Writes the keys of a snapshot set (one Memstone snapshot file per shard, each checked whole by
 * its CRC before a key is written) back into the running cluster, as
 * {@code RESTORE key expire-at payload ABSTTL [REPLACE]}: ordinary replicated writes, routed by
 * slot, so the cluster may have another number of shards than the one the snapshots came from.
 * Keys already expired are skipped. Readers may see the keys arrive; it is not one atomic step.
 */
final class SnapshotRestore {
    /** Writes outstanding at once: enough for the proposers to fill their batches. */
    private static final int WINDOW = 2000;
    private static final int REPORT_EVERY = 10_000;
    private static final byte[] RESTORE = ascii("RESTORE");
    private static final byte[] ABSTTL = ascii("ABSTTL");
    private static final byte[] REPLACE = ascii("REPLACE");
    private static final byte[] DUMP = ascii("DUMP");

    private final RaftNode raft;
    private final boolean replace;
    private final Progress progress;
    private final ArrayDeque<CompletableFuture<Reply>> inFlight = new ArrayDeque<>();
    private long restored;
    private long failed;
    private String firstError;

    SnapshotRestore(RaftNode raft, boolean replace, Progress progress) {
        this.raft = raft;
        this.replace = replace;
        this.progress = progress;
    }

    /** @return a summary: keys restored, skipped as expired, failed (with the first error) */
    String run(ClusterShape shape, Path dir) throws IOException, InterruptedException {
        List<Path> files = snapshotFiles(dir);
        Map<String, Path> byGroup = new HashMap<>();
        List<EngineSnapshot.Loaded> loaded = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                EngineSnapshot.Loaded l = EngineSnapshot.read(in);
                Path other = byGroup.put(l.header().shard(), f);
                if (other != null) {
                    throw new IllegalArgumentException(f + " and " + other + " are snapshots of the same group: keep one");
                }
                loaded.add(l);
                total += l.header().keys();
            }
        }
        long expired = 0;
        long processed = 0;
        long now = System.currentTimeMillis();
        progress.step(0, (int) total, files.size() + " snapshot files, " + total + " keys");
        for (EngineSnapshot.Loaded l : loaded) {
            Engine engine = l.engine();
            List<Key> keys = new ArrayList<>();
            long cursor = 0;
            do {
                keys.clear();
                cursor = engine.keyspace().scan(cursor, keys);
                for (Key k : keys) {
                    long expireAt = engine.keyspace().expireAt(k);
                    if (expireAt >= 0 && expireAt <= now) expired++;
                    else send(shape, k.bytes(), expireAt, engine.read(new byte[][] {DUMP, k.bytes()}, now));
                    if (++processed % REPORT_EVERY == 0) progress.step((int) processed, (int) total, "restoring");
                }
            } while (cursor != 0);
        }
        while (!inFlight.isEmpty()) collect();
        progress.step((int) total, (int) total, "restored " + restored + " keys, " + expired + " expired (skipped), "
                + failed + " failed" + (firstError == null ? "" : " (first: " + firstError + ")"));
        return restored + " restored, " + expired + " expired, " + failed + " failed";
    }

    private void send(ClusterShape shape, byte[] key, long expireAt, Reply dump) throws InterruptedException {
        if (!(dump instanceof Reply.Bulk payload)) {
            fail(new String(key, StandardCharsets.UTF_8) + ": cannot DUMP: " + dump);
            return;
        }
        byte[] ttl = ascii(Long.toString(Math.max(expireAt, 0)));
        byte[][] argv = replace ? new byte[][] {RESTORE, key, ttl, payload.value(), ABSTTL, REPLACE}
                : new byte[][] {RESTORE, key, ttl, payload.value(), ABSTTL};
        ShardInfo shard = shape.shardOf(Slots.slot(key));
        if (shard == null) {
            fail(new String(key, StandardCharsets.UTF_8) + ": slot not served");
            return;
        }
        inFlight.add(raft.shard(shard.getName()).write(argv));
        if (inFlight.size() >= WINDOW) collect();
    }

    private void collect() throws InterruptedException {
        try {
            Reply r = inFlight.poll().get();
            if (r instanceof Reply.Error e) fail(e.text());
            else restored++;
        } catch (ExecutionException e) {
            fail(e.getCause().getMessage());
        }
    }

    private void fail(String why) {
        failed++;
        if (firstError == null) firstError = why;
    }

    /** Snapshot files in {@code dir} or one level below (a folder per shard, as they were copied). */
    private static List<Path> snapshotFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no directory " + dir + " on this node");
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            List<Path> files = walk.filter(LocalSnapshot::isSnapshotFile).sorted().toList();
            if (files.isEmpty()) throw new IllegalArgumentException("no snapshot files (snapshot.TERM_INDEX) in " + dir);
            return files;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
