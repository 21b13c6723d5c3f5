package io.memstone.raft;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** How a node configures Ratis: its server's settings, and the clients it sends requests with. */
final class RatisSettings {
    /** Enough to ride out an election after a leader dies; then the request fails. */
    static final RetryPolicy RIDE_OUT_ELECTION = RetryPolicies.retryUpToMaximumCountWithFixedSleep(60,
            TimeDuration.valueOf(200, TimeUnit.MILLISECONDS));

    /** Bytes of entries one appendEntries carries at most (see {@link ShardClient#MAX_COMMAND_BYTES}). */
    static final SizeInBytes APPENDER_BUFFER = SizeInBytes.valueOf("32MB");
    /** Ratis wants its log write buffer larger than the appender's buffer. */
    private static final SizeInBytes LOG_WRITE_BUFFER = SizeInBytes.valueOf("33MB");

    private RatisSettings() {}

    static RaftClient newClient(RaftProperties properties, RaftGroup group, RetryPolicy retry) {
        return newClient(properties, group, null, retry);
    }

    /** A client of the group that sends its first request to {@code leader} (null: Ratis picks). */
    static RaftClient newClient(RaftProperties properties, RaftGroup group, RaftPeerId leader, RetryPolicy retry) {
        RaftClient.Builder b = RaftClient.newBuilder()
                .setProperties(properties)
                .setRaftGroup(group)
                .setClientId(ClientId.randomId())
                .setClientRpc(new GrpcFactory(new Parameters()).newRaftClientRpc(ClientId.randomId(), properties))
                .setRetryPolicy(retry);
        if (leader != null) b.setLeaderId(leader);
        return b.build();
    }

    /** The settings of a node's Ratis server, and of the clients it makes. */
    static RaftProperties of(RaftNodeOptions o) {
        RaftProperties p = new RaftProperties();
        GrpcConfigKeys.Server.setPort(p, o.self().getRaftPort());
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf("64MB"));
        RaftServerConfigKeys.setStorageDir(p, List.of(o.storageDir().toFile()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2000, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3000, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(o.retention().segmentBytes()));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        // A group removed from this node (it left the group) needs no last snapshot.
        RaftServerConfigKeys.Snapshot.setTriggerWhenRemoveEnabled(p, false);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, o.retention().snapshotEveryEntries());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, o.retention().snapshotsRetained());
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        // Keep the log back to the oldest retained snapshot, so a node whose newest snapshot is
        // corrupt can load the previous one and still replay everything after it.
        RaftServerConfigKeys.Log.setPurgePreservationLogNum(p,
                o.retention().snapshotEveryEntries() * o.retention().snapshotsRetained());
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, APPENDER_BUFFER);
        // Ratis waits 10 ms between appendEntries by default; every commit would pay it.
        RaftServerConfigKeys.Log.Appender.setWaitTimeMin(p, TimeDuration.ZERO);
        // Composing appends sends each follower append through CompletableFuture's default async
        // executor: a new thread per request when the JVM sees 2 CPUs (RATIS-2387).
        RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(p, false);
        RaftServerConfigKeys.Log.setWriteBufferSize(p, LOG_WRITE_BUFFER);
        // Log-metadata entries (the commit index, after every commit) stay on: Ratis sends a
        // follower no appendEntries that only moves its commit index, so without them followers
        // apply acknowledged writes up to a heartbeat (500 ms) late: their reads, snapshots and
        // view of the cluster's shape lag (LogAppenderBase.newAppendEntriesRequest).
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, true);
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3000, TimeUnit.MILLISECONDS));
        // A new client's first request would be a watch sent to a peer that may not host the group
        // yet: its group mismatch would fail the client for good.
        RaftClientConfigKeys.Async.Experimental.setSendDummyRequest(p, false);
        overrideFrom(System.getProperties(), p);
        return p;
    }

    /**
     * Ratis keys given as JVM system properties ({@code -Draft.server.log.async-flush.enabled=true})
     * replace the settings above: for an operator's tuning and for the benchmarks' A/B runs.
     */
    static void overrideFrom(Properties system, RaftProperties p) {
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("raft.")) p.set(key, system.getProperty(key));
        }
    }
}
