package io.memstone.raft;

import io.memstone.proto.meta.ShardInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;

/** One snapshot file on this node's disk: whose it is, the log position it captures, its size and age. */
public record LocalSnapshot(String group, long term, long index, long sizeBytes, long modifiedMs, Path path) {

    /** The snapshot files of every group the server holds, by group then newest first. */
    static List<LocalSnapshot> list(RaftServer server, ClusterShape shape) {
        Map<RaftGroupId, String> names = new HashMap<>();
        names.put(ShardGroups.groupId(ShardGroups.META), ShardGroups.META);
        if (shape != null) {
            for (ShardInfo s : shape.shards()) names.put(ShardGroups.groupId(s.getName()), s.getName());
        }
        List<LocalSnapshot> out = new ArrayList<>();
        for (RaftGroupId id : server.getGroupIds()) {
            try {
                Path dir = server.getDivision(id).getRaftStorage().getStorageDir().getStateMachineDir().toPath();
                out.addAll(inDirectory(names.getOrDefault(id, id.toString()), dir));
            } catch (IOException gone) {
                // The group was removed while we looked: it has no snapshots to show.
            }
        }
        out.sort(Comparator.comparing(LocalSnapshot::group).thenComparing(Comparator.comparingLong(LocalSnapshot::index).reversed()));
        return out;
    }

    /** True for a file named like a snapshot (snapshot.TERM_INDEX). */
    public static boolean isSnapshotFile(Path p) {
        return SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(p.getFileName().toString()).matches();
    }

    /** Snapshot files (snapshot.TERM_INDEX) in a directory, attributed to {@code group}. */
    static List<LocalSnapshot> inDirectory(String group, Path dir) throws IOException {
        List<LocalSnapshot> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Matcher m = SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(p.getFileName().toString());
                if (!m.matches()) continue;
                out.add(new LocalSnapshot(group, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        Files.size(p), Files.getLastModifiedTime(p).toMillis(), p));
            }
        }
        return out;
    }
}
