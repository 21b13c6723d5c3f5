package io.memstone.raft;

import com.google.protobuf.ByteString;
import io.memstone.engine.Reply;
import io.memstone.engine.ReplyCodec;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import io.memstone.proto.ReadBatch;
import io.memstone.proto.ReplyBatch;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * A node's way into one shard: writes are batched into {@link CommandBatch} entries proposed to
 * the leader (wherever it is), reads into {@link ReadBatch} queries the leader answers after a
 * ReadIndex. The reply comes back only after the entry is committed and applied.
 */
public final class ShardClient implements Closeable {
    private static final long READ_RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Executor RETRY_DELAY = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);
    private final String shard;
    private final RenewingClient client;
    private final LocalLeaderPath local;
    /** Sends this shard's batches and hands out their replies (see {@link Batcher}). */
    private final ExecutorService proposerThread;
    private final Batcher writes;
    private final Batcher reads;
    /** Names this proposer's batches, so the engine applies a batch retried at a new leader once. */
    private final ByteString proposer = randomId();
    private final AtomicLong sequence = new AtomicLong();
    private final OrderedProposals<Message, RaftClientReply> proposals;

    /** Whether the cluster has one shard now (see CommandBatch's any_slot). */
    private final java.util.function.BooleanSupplier oneShard;

    ShardClient(String shard, RenewingClient client, LocalLeaderPath local, int maxInFlight, int maxBatch,
                java.util.function.BooleanSupplier oneShard) {
        this.shard = shard;
        this.oneShard = oneShard;
        this.client = client;
        this.local = local;
        this.proposerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "proposer-" + shard);
            t.setDaemon(true);
            return t;
        });
        this.proposals = new OrderedProposals<>(local, client::send, proposerThread);
        this.writes = new Batcher(this::sendWrites, proposerThread, maxInFlight, maxBatch, Batcher.MAX_LINGER_NANOS);
        this.reads = new Batcher(this::sendReads, proposerThread, maxInFlight, maxBatch, Batcher.MAX_LINGER_NANOS);
    }

    /**
     * A write's arguments may total this much at most: one Raft entry must fit what Ratis sends
     * a follower at once ({@link RatisSettings#APPENDER_BUFFER}), with room for the entry's framing.
     */
    public static final long MAX_COMMAND_BYTES = RatisSettings.APPENDER_BUFFER.getSize() - (1L << 20);

    public CompletableFuture<Reply> write(byte[][] argv) {
        long bytes = Batcher.bytes(argv);
        if (bytes > MAX_COMMAND_BYTES) {
            return CompletableFuture.completedFuture(Reply.error("ERR the command's arguments take " + bytes
                    + " bytes, more than the " + MAX_COMMAND_BYTES + " a replicated write may carry"));
        }
        return writes.submit(argv);
    }

    public CompletableFuture<Reply> read(byte[][] argv) {
        return reads.submit(argv);
    }

    public ProposerQueue writeQueue() {
        return writes;
    }

    public ProposerQueue readQueue() {
        return reads;
    }

    private CompletableFuture<List<Reply>> sendWrites(List<byte[][]> commands) {
        CommandBatch.Builder batch = CommandBatch.newBuilder()
                .setProposer(proposer)
                .setSequence(sequence.incrementAndGet())
                .setAnySlot(oneShard.getAsBoolean());
        for (byte[][] argv : commands) batch.addCommands(toCommand(argv));
        return replies(proposals.propose(message(batch.build().toByteArray())));
    }

    private static ByteString randomId() {
        UUID id = UUID.randomUUID();
        return ByteString.copyFrom(ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array());
    }

    private CompletableFuture<List<Reply>> sendReads(List<byte[][]> commands) {
        ReadBatch.Builder batch = ReadBatch.newBuilder().setAnySlot(oneShard.getAsBoolean());
        for (byte[][] argv : commands) batch.addCommands(toCommand(argv));
        return replies(readUntil(message(batch.build().toByteArray()), System.nanoTime() + READ_RETRY_NANOS));
    }

    /**
     * A read fails while a new leader cannot yet confirm its read index (just after a
     * failover); reads change nothing, so they are simply tried again until the deadline.
     */
    private CompletableFuture<RaftClientReply> readUntil(Message message, long deadlineNanos) {
        return readOnce(message).handle((reply, error) -> {
            boolean ok = error == null && reply.isSuccess();
            if (ok || System.nanoTime() > deadlineNanos) {
                return error == null ? CompletableFuture.completedFuture(reply) : CompletableFuture.<RaftClientReply>failedFuture(error);
            }
            return CompletableFuture.runAsync(() -> { }, RETRY_DELAY).thenCompose(v -> readUntil(message, deadlineNanos));
        }).thenCompose(f -> f);
    }

    /** On the local server when it leads, else (or when that failed) through the Ratis client. */
    private CompletableFuture<RaftClientReply> readOnce(Message message) {
        if (!local.isLeader()) return client.sendReadOnly(message);
        return local.read(message).thenCompose(reply ->
                reply != null ? CompletableFuture.completedFuture(reply) : client.sendReadOnly(message));
    }

    private CompletableFuture<List<Reply>> replies(CompletableFuture<RaftClientReply> sent) {
        return sent.handle((reply, error) -> {
            if (error != null) throw new ShardUnavailableException(shard, error);
            if (!reply.isSuccess()) throw new ShardUnavailableException(shard, reply.getException());
            try {
                ReplyBatch batch = ReplyBatch.parseFrom(AliasingInput.of(reply.getMessage().getContent()));
                List<Reply> replies = new ArrayList<>(batch.getRepliesCount());
                for (var r : batch.getRepliesList()) replies.add(ReplyCodec.decode(r.toByteArray()));
                return replies;
            } catch (IOException e) {
                throw new ShardUnavailableException(shard, e);
            }
        });
    }

    private static Command toCommand(byte[][] argv) {
        Command.Builder c = Command.newBuilder();
        for (byte[] a : argv) c.addArgs(com.google.protobuf.UnsafeByteOperations.unsafeWrap(a));
        return c.build();
    }

    private static Message message(byte[] bytes) {
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes));
    }

    /** A new Ratis client for the next requests (the shard's members changed). */
    void renew(String why) {
        client.renew(why);
    }

    @Override
    public void close() throws IOException {
        proposerThread.shutdown();
        client.close();
    }
}
