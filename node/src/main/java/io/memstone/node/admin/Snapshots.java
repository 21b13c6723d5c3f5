package io.memstone.node.admin;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.memstone.proto.admin.GroupStatus;
import io.memstone.proto.admin.HealthReply;
import io.memstone.proto.admin.ListSnapshotsReply;
import io.memstone.proto.admin.ListSnapshotsRequest;
import io.memstone.proto.admin.SnapshotFile;
import io.memstone.proto.meta.NodeInfo;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.raft.ClusterShape;
import io.memstone.raft.LocalSnapshot;
import io.memstone.raft.MembershipChanges.Progress;
import io.memstone.raft.RaftNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Snapshots on demand, on every reachable member of the chosen shards, and every node's snapshot files. */
final class Snapshots {
    /** A large shard takes a while to write; beyond this the call gives up on that member. */
    private static final long WRITE_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(10);

    private final RaftNode raft;
    private final AdminChannels channels;

    Snapshots(RaftNode raft, AdminChannels channels) {
        this.raft = raft;
        this.channels = channels;
    }

    private record Replica(ShardInfo shard, NodeInfo node, long appliedIndex) {}

    /**
     * Has each reachable member of the shards ({@code only}, or all when empty) write a snapshot
     * that covers at least what it had applied when asked, and waits until the file is complete.
     */
    void create(ClusterShape shape, String only, Progress progress) throws IOException, InterruptedException {
        List<ShardInfo> shards = only.isEmpty() ? shape.shards() : List.of(shape.shards().get(shape.indexOf(only)));
        ClusterProbe probe = ClusterProbe.of(channels, shape.nodes());
        List<Replica> replicas = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ShardInfo s : shards) {
            for (String m : s.getMembersList()) {
                HealthReply h = probe.replies().get(m);
                GroupStatus g = h == null ? null : h.getGroupsList().stream()
                        .filter(x -> x.getGroupId().equals(s.getName())).findFirst().orElse(null);
                if (g == null) skipped.add(s.getName() + " on " + m);
                else replicas.add(new Replica(s, shape.node(m).orElseThrow(), g.getAppliedIndex()));
            }
        }
        if (replicas.isEmpty()) throw new IllegalStateException("no member of " + only + " is reachable");
        int total = replicas.size();
        progress.step(0, total, "snapshots of " + total + " replicas"
                + (skipped.isEmpty() ? "" : " (unreachable, skipped: " + String.join(", ", skipped) + ")"));
        // Each replica writes on its own node: all at once, reported as they complete.
        ExecutorService writers = Executors.newFixedThreadPool(total);
        try {
            CompletionService<String> done = new ExecutorCompletionService<>(writers);
            for (Replica r : replicas) done.submit(() -> snapshot(r));
            for (int i = 1; i <= total; i++) progress.step(i, total, done.take().get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        } finally {
            writers.shutdownNow();
        }
    }

    private String snapshot(Replica r) throws IOException, InterruptedException {
        String where = r.shard().getName() + " on " + r.node().getId() + ": ";
        // Index 0 is the first leader's own entry: nothing has been applied that a snapshot would hold.
        if (r.appliedIndex() <= 0) return where + "nothing applied yet, no snapshot needed";
        return where + "snapshot at index " + raft.admin().snapshot(r.shard().getName(), r.node(), r.appliedIndex(), WRITE_TIMEOUT_MS);
    }

    /** This node's snapshot files. */
    ListSnapshotsReply local() {
        ListSnapshotsReply.Builder reply = ListSnapshotsReply.newBuilder();
        for (LocalSnapshot s : raft.snapshotFiles()) {
            reply.addSnapshots(SnapshotFile.newBuilder().setNodeId(raft.selfId()).setGroup(s.group()).setTerm(s.term())
                    .setIndex(s.index()).setSizeBytes(s.sizeBytes()).setModifiedMs(s.modifiedMs()).setPath(s.path().toString()));
        }
        return reply.build();
    }

    /** Every node's snapshot files, asked of all nodes at once. */
    ListSnapshotsReply all(ClusterShape shape) throws InterruptedException {
        Map<String, ListenableFuture<ListSnapshotsReply>> asked = new LinkedHashMap<>();
        for (NodeInfo n : shape.nodes()) {
            asked.put(n.getId(), channels.future(n).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .nodeSnapshots(ListSnapshotsRequest.getDefaultInstance()));
        }
        ListSnapshotsReply.Builder reply = ListSnapshotsReply.newBuilder();
        for (Map.Entry<String, ListenableFuture<ListSnapshotsReply>> a : asked.entrySet()) {
            try {
                reply.addAllSnapshots(a.getValue().get().getSnapshotsList());
            } catch (ExecutionException e) {
                reply.putUnreachable(a.getKey(), AdminChannels.reason(Status.fromThrowable(e.getCause())));
            }
        }
        return reply.build();
    }
}
