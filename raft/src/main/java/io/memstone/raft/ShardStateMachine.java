package io.memstone.raft;

import io.memstone.engine.Engine;
import io.memstone.engine.MemoryAdmission;
import io.memstone.engine.MemoryPolicy;
import io.memstone.engine.Reply;
import io.memstone.engine.SnapshotCapture;
import io.memstone.engine.ReplyCodec;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import io.memstone.proto.ReadBatch;
import io.memstone.proto.ReplyBatch;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft state machine of one shard: each log entry is a {@link CommandBatch} that the
 * engine applies in order. The leader stamps the batch's time and seed when it starts the
 * transaction, so every replica computes the same state from the same log.
 *
 * <p>With {@link LogPayloadMode#ROCKSDB} the batch travels as state machine data: Ratis hands
 * it to {@link #write} (RocksDB, WAL), {@link #flush} syncs the WAL before Ratis fsyncs its
 * segment, and the segment keeps only term, index and configuration.
 */
public final class ShardStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(ShardStateMachine.class);
    /** Replaced whole when a snapshot is loaded. */
    private Engine engine = new Engine();
    /** Apply runs on Ratis' updater thread and queries on RPC threads; the engine is single-threaded. */
    private final Object engineLock = new Object();
    private final LogPayloadMode payloadMode;
    private final SnapshotStorage storage = new SnapshotStorage();
    private SnapshotFiles snapshots;
    private final ExecutorService snapshotWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "snapshot-writer");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicBoolean snapshotWriting = new java.util.concurrent.atomic.AtomicBoolean();
    /** Batch timestamps never go backwards, even when a new leader's clock is behind. */
    private final AtomicLong lastTimestamp = new AtomicLong();
    private final ExecutorService syncer;
    private LogPayloadStore payloads;
    /** Leader changes this replica has seen, for metrics. */
    private final AtomicLong leaderChanges = new AtomicLong();

    private final Supplier<MemoryPolicy> memoryPolicy;
    /** The leader's maxmemory decisions; guarded by {@link #engineLock}. */
    private final MemoryAdmission admission = new MemoryAdmission();
    /** The engine's data bytes and evicted keys as of the last applied entry, for readers off the lock (INFO, metrics). */
    private volatile long dataBytes;
    private volatile long evictedKeys;
    private final Supplier<String> logName;

    /** Told, after each applied entry, the keys that received elements (see {@link Engine#readyKeys}). */
    private final Consumer<List<byte[]>> readyKeys;

    public ShardStateMachine(LogPayloadMode payloadMode) {
        this(payloadMode, keys -> { }, () -> MemoryPolicy.DEFAULT, null);
    }

    /**
     * @param readyKeys    told after each applied entry which keys received elements, on the apply
     *                     thread: every replica tells its own node, so each gateway learns it locally
     * @param memoryPolicy the node's maxmemory parameters as they are now
     * @param logName      how log lines name this replica (node and shard); null: Ratis' member id
     */
    public ShardStateMachine(LogPayloadMode payloadMode, Consumer<List<byte[]>> readyKeys,
                             Supplier<MemoryPolicy> memoryPolicy, Supplier<String> logName) {
        this.payloadMode = payloadMode;
        this.readyKeys = readyKeys;
        this.memoryPolicy = memoryPolicy;
        this.logName = logName;
        engine.useMemoryPolicy(memoryPolicy);
        this.syncer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "payload-sync");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        snapshots = new SnapshotFiles(storage, raftStorage.getStorageDir().getStateMachineDir().toPath(),
                raftStorage.getStorageDir().getCurrentDir().toPath(), groupId.toString(), this::name);
        if (payloadMode == LogPayloadMode.ROCKSDB) {
            // Not in the state machine directory: installing a snapshot replaces that directory whole.
            payloads = new LogPayloadStore(raftStorage.getStorageDir().getRoot().toPath().resolve("log-payloads"));
        }
        // Before the storage's init, which caches the newest file on disk, corrupt ones included.
        loadNewestSnapshot();
        storage.init(raftStorage);
        getLifeCycle().transition(LifeCycle.State.STARTING);
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    /** Ratis pauses the state machine before it installs a snapshot from the leader. */
    @Override
    public void pause() {
        if (getLifeCycle().getCurrentState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /** After a snapshot was installed from the leader: the engine becomes that snapshot. */
    @Override
    public void reinitialize() throws IOException {
        long index = loadNewestSnapshot();
        // This replica's log now starts after the installed snapshot: older payloads are garbage.
        if (payloads != null && index >= 0) deletePayloadsBefore(index + 1);
        getLifeCycle().transition(LifeCycle.State.STARTING);
        getLifeCycle().transition(LifeCycle.State.RUNNING);
        LOG.info("{}: installed the leader's snapshot at index {}", name(), index);
    }

    /** Loads the newest valid snapshot; returns its index, or -1 when there is none. */
    private long loadNewestSnapshot() throws IOException {
        SnapshotFiles.Found found = snapshots.loadNewest();
        if (found == null) return -1;
        synchronized (engineLock) {
            engine = found.engine();
            engine.useMemoryPolicy(memoryPolicy);
            admission.clear();
            publishMemory();
            updateLastAppliedTermIndex(found.info().getTerm(), found.info().getIndex());
        }
        storage.updateLatestSnapshot(found.info());
        // At a restart the payloads stay: Ratis' log still holds the entries behind the snapshot
        // (see RatisSettings' purge preservation) and sends them to lagging followers; they go
        // when a later snapshot purges the log (writeSnapshot).
        return found.info().getIndex();
    }

    /**
     * Ratis calls this on its apply thread when a snapshot is due. Only the capture happens
     * here (references, no copying); the file is written in the background while entries keep
     * being applied, and Ratis learns of it (and purges the log behind it) from the index the
     * next call returns: always that of the newest snapshot complete on disk.
     */
    @Override
    public long takeSnapshot() {
        TermIndex applied = getLastAppliedTermIndex();
        SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
        boolean due = applied != null && applied.getIndex() > 0
                && (latest == null || latest.getIndex() < applied.getIndex());
        if (due && snapshotWriting.compareAndSet(false, true)) {
            SnapshotCapture capture;
            synchronized (engineLock) {
                capture = engine.captureSnapshot();
            }
            snapshotWriter.execute(() -> writeSnapshot(capture, applied));
        }
        return latest == null ? RaftLog.INVALID_LOG_INDEX : latest.getIndex();
    }

    private void writeSnapshot(SnapshotCapture capture, TermIndex applied) {
        try {
            storage.updateLatestSnapshot(snapshots.write(capture, engineLock, applied));
            if (payloads != null) deletePayloadsBefore(getServer().join().getDivision(getGroupId()).getRaftLog().getStartIndex());
        } catch (IOException e) {
            LOG.error("{}: snapshot at index {} failed: {}", name(), applied.getIndex(), e.toString());
        } finally {
            synchronized (engineLock) {
                capture.release();
            }
            snapshotWriting.set(false);
        }
    }

    /** Payloads of entries Ratis has purged from its log are never read again. */
    private void deletePayloadsBefore(long index) throws IOException {
        try {
            payloads.deleteBefore(index);
        } catch (RocksDBException e) {
            throw new IOException("cannot delete log payloads before index " + index, e);
        }
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        // Parsed to keep what no replica could apply out of the log, and for the maxmemory check.
        CommandBatch proposed = CommandBatch.parseFrom(AliasingInput.of(request.getMessage().getContent()));
        long now = lastTimestamp.accumulateAndGet(System.currentTimeMillis(), Math::max);
        ByteString stamped = BatchStamp.stamp(request.getMessage().getContent(), now, ThreadLocalRandom.current().nextLong());
        MemoryAdmission.Decision admitted = admit(proposed, now);
        if (admitted != MemoryAdmission.Decision.NONE) stamped = BatchStamp.admit(stamped, admitted);
        TransactionContext.Builder trx = TransactionContext.newBuilder()
                .setStateMachine(this)
                .setClientRequest(request);
        if (payloadMode == LogPayloadMode.ROCKSDB) {
            trx.setLogData(ByteString.EMPTY).setStateMachineData(stamped);
        } else {
            trx.setLogData(stamped);
        }
        return trx.build();
    }

    /** The leader's maxmemory decision for a batch about to enter the log (see {@link MemoryAdmission}). */
    private MemoryAdmission.Decision admit(CommandBatch proposed, long now) {
        MemoryPolicy policy = memoryPolicy.get();
        if (policy.maxmemory() == 0) return MemoryAdmission.Decision.NONE;
        MemoryAdmission.Decision d;
        synchronized (engineLock) {
            d = admission.admit(engine, argvs(proposed), policy, now);
        }
        if (!d.evict().isEmpty()) LOG.debug("{}: evicting {} keys over maxmemory", getId(), d.evict().size());
        return d;
    }

    private static List<byte[][]> argvs(CommandBatch batch) {
        List<byte[][]> out = new java.util.ArrayList<>(batch.getCommandsCount());
        for (Command c : batch.getCommandsList()) out.add(Engine.argv(c));
        return out;
    }

    /** The leader's decisions in flight: this entry's are settled. */
    private void settleAdmission(CommandBatch batch) {
        if (memoryPolicy.get().maxmemory() == 0) {
            admission.clear();
            return;
        }
        List<byte[]> evicted = new java.util.ArrayList<>(batch.getEvictCount());
        for (var k : batch.getEvictList()) evicted.add(k.toByteArray());
        admission.applied(evicted, argvs(batch));
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        CommandBatch batch;
        try {
            batch = batchOf(entry);
        } catch (IOException | RocksDBException e) {
            // Ratis would skip an entry whose future failed, and this replica would silently
            // diverge; a thrown exception makes Ratis close this replica instead (fail-stop).
            LOG.error("{}: cannot read log entry {}: {}; stopping this replica", name(), entry.getIndex(), e.toString());
            throw new IllegalStateException("unreadable log entry " + entry.getIndex(), e);
        }
        List<Reply> replies;
        List<byte[]> ready;
        synchronized (engineLock) {
            replies = engine.apply(batch);
            ready = engine.readyKeys();
            settleAdmission(batch);
            publishMemory();
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        }
        if (!ready.isEmpty()) readyKeys.accept(ready);
        lastTimestamp.accumulateAndGet(batch.getTimestampMs(), Math::max);
        return CompletableFuture.completedFuture(toMessage(replies));
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
        leaderChanges.incrementAndGet();
        synchronized (engineLock) {
            admission.clear();
        }
        LOG.info("{}: leader is now {}", name(), newLeaderId);
    }

    /** This replica as log lines name it. */
    private Object name() {
        return logName == null ? getId() : logName.get();
    }

    /** Called with the engine locked. */
    private void publishMemory() {
        dataBytes = engine.dataBytes();
        evictedKeys = engine.evictedKeys();
    }

    /** See {@link io.memstone.engine.Keyspace#dataBytes}; as of the last applied entry. */
    long dataBytes() {
        return dataBytes;
    }

    /** Keys evicted over maxmemory, as of the last applied entry. */
    long evictedKeys() {
        return evictedKeys;
    }

    long leaderChanges() {
        return leaderChanges.get();
    }

    /** The RocksDB store of log payloads; null when they live in Ratis' segments. */
    LogPayloadStore payloadStore() {
        return payloads;
    }

    /** A linearizable read: Ratis calls this on the leader once the read index is applied. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        try {
            ReadBatch reads = ReadBatch.parseFrom(AliasingInput.of(request.getContent()));
            long now = readTime();
            List<Reply> replies = new java.util.ArrayList<>(reads.getCommandsCount());
            synchronized (engineLock) {
                for (Command c : reads.getCommandsList()) replies.add(engine.read(Engine.argv(c), now, reads.getAnySlot()));
            }
            return CompletableFuture.completedFuture(toMessage(replies));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A read on this replica as it is, without a read index: what READONLY connections get. */
    Reply readLocal(byte[][] argv, boolean anySlot) {
        long now = readTime();
        synchronized (engineLock) {
            return engine.read(argv, now, anySlot);
        }
    }

    /** Expiry is judged by the local clock, but never before the last applied batch's time. */
    private long readTime() {
        return Math.max(System.currentTimeMillis(), lastTimestamp.get());
    }

    /** Runs {@code f} on the engine with apply excluded, e.g. to sample expired keys. */
    public <T> T withEngine(Function<Engine, T> f) {
        synchronized (engineLock) {
            return f.apply(engine);
        }
    }

    private CommandBatch batchOf(LogEntryProto entry) throws IOException, RocksDBException {
        StateMachineLogEntryProto sm = entry.getStateMachineLogEntry();
        if (!sm.getLogData().isEmpty()) return CommandBatch.parseFrom(AliasingInput.of(sm.getLogData()));
        ByteString data = sm.getStateMachineEntry().getStateMachineData();
        if (!data.isEmpty()) return CommandBatch.parseFrom(AliasingInput.of(data));
        // Replayed from disk: the segment holds no payload, RocksDB does.
        byte[] stored = payloads.get(entry.getIndex());
        if (stored == null) throw new IOException("no payload stored for log index " + entry.getIndex());
        return CommandBatch.parseFrom(AliasingInput.of(stored));
    }

    // --- DataApi: the log's payloads in RocksDB ---

    @Override
    public CompletableFuture<?> write(LogEntryProto entry, TransactionContext context) {
        try {
            payloads.put(entry.getIndex(), entry.getStateMachineLogEntry().getStateMachineEntry()
                    .getStateMachineData().toByteArray());
            return CompletableFuture.completedFuture(null);
        } catch (RocksDBException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<ByteString> read(LogEntryProto entry, TransactionContext context) {
        try {
            byte[] stored = payloads.get(entry.getIndex());
            return stored == null
                    ? CompletableFuture.failedFuture(new IOException("no payload for log index " + entry.getIndex()))
                    : CompletableFuture.completedFuture(UnsafeByteOperations.unsafeWrap(stored));
        } catch (RocksDBException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Ratis calls this while it fsyncs its segment; both must finish before the entry counts as written. */
    @Override
    public CompletableFuture<Void> flush(long logIndex) {
        if (payloads == null) return CompletableFuture.completedFuture(null);
        return CompletableFuture.runAsync(() -> {
            try {
                payloads.sync();
            } catch (RocksDBException e) {
                throw new IllegalStateException("cannot sync log payloads", e);
            }
        }, syncer);
    }

    @Override
    public CompletableFuture<Void> truncate(long logIndex) {
        if (payloads == null) return CompletableFuture.completedFuture(null);
        try {
            payloads.truncateFrom(logIndex);
            return CompletableFuture.completedFuture(null);
        } catch (RocksDBException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() throws IOException {
        super.close();
        syncer.shutdown();
        snapshotWriter.shutdown();
        try {
            // A snapshot being written still deletes payloads when it completes; a sync Ratis
            // asked for still syncs the store's WAL. (The store refuses what comes after it closed.)
            if (!snapshotWriter.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("{}: a snapshot was still being written at close", name());
            }
            syncer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (payloads != null) payloads.close();
    }

    private static Message toMessage(List<Reply> replies) {
        ReplyBatch.Builder b = ReplyBatch.newBuilder();
        for (Reply r : replies) b.addReplies(com.google.protobuf.UnsafeByteOperations.unsafeWrap(ReplyCodec.encode(r)));
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(b.build().toByteArray()));
    }
}
