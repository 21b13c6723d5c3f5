package io.memstone.raft;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.server.RaftServer;

/**
 * When this node leads the shard, its own gateway's write batches go straight into the local
 * Raft server instead of through a gRPC client to itself: one network hop and its CPU saved
 * on every entry. Anything else goes through the Ratis client as usual.
 */
final class LocalLeaderPath implements OrderedProposals.Local<Message, RaftClientReply> {
    private final RaftServer server;
    private final RaftGroupId groupId;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final Executor reader;

    LocalLeaderPath(RaftServer server, RaftGroupId groupId, Executor reader) {
        this.server = server;
        this.groupId = groupId;
        this.reader = reader;
    }

    @Override
    public boolean isLeader() {
        return leads(server, groupId);
    }

    /** True when this server leads the group and has committed an entry of its term. */
    static boolean leads(RaftServer server, RaftGroupId groupId) {
        try {
            RaftServer.Division d = server.getDivision(groupId);
            return d.getInfo().isLeader() && d.getInfo().isLeaderReady();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Proposes a write to the local server. Completes with null when it turned out not to
     * lead: nothing was appended, so the caller may send it through the Ratis client instead.
     */
    @Override
    public CompletableFuture<RaftClientReply> submit(Message message) {
        return submit(message, RaftClientRequest.writeRequestType());
    }

    /**
     * A linearizable read on the local server, on its own thread: Ratis may answer it in the
     * calling thread, which must not be the batcher's. Completes with null when the read
     * failed here; reads change nothing, so the caller may simply send it through the client.
     */
    CompletableFuture<RaftClientReply> read(Message message) {
        return CompletableFuture.supplyAsync(() -> submit(message, RaftClientRequest.readRequestType()), reader)
                .thenCompose(f -> f)
                .handle((r, error) -> error == null && r != null && r.isSuccess() ? r : null);
    }

    private CompletableFuture<RaftClientReply> submit(Message message, RaftClientRequest.Type type) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(server.getId())
                .setGroupId(groupId)
                .setCallId(callIds.incrementAndGet())
                .setMessage(message)
                .setType(type)
                .build();
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = server.submitClientRequestAsync(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return reply.handle((r, error) -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (notLeader(cause) || (r != null && (r.getNotLeaderException() != null
                    || r.getException() instanceof LeaderNotReadyException))) {
                return null;
            }
            if (error != null) throw new CompletionException(cause);
            return r;
        });
    }

    private static boolean notLeader(Throwable t) {
        return t instanceof NotLeaderException || t instanceof LeaderNotReadyException;
    }
}
