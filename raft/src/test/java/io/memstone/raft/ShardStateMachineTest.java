package io.memstone.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.memstone.engine.Reply;
import io.memstone.engine.ReplyCodec;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import io.memstone.proto.ReplyBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.junit.jupiter.api.Test;

/**
 * The state machine between Ratis and the engine, driven as Ratis drives it (startTransaction on
 * the leader, applyTransaction of the log entry on every replica), with payloads in the segment.
 */
class ShardStateMachineTest {
    private final ShardStateMachine machine = new ShardStateMachine(LogPayloadMode.SEGMENTED);
    private long index;

    @Test
    void anEntryIsAppliedInOrderWithOneReplyPerCommand() throws Exception {
        List<Reply> replies = apply(propose(batch("SET k 5", "INCR k", "GET k", "LPUSH k x", "NOSUCH")));
        assertEquals(encoded(List.of(Reply.OK, new Reply.Int(6), new Reply.Bulk("6".getBytes(StandardCharsets.UTF_8)),
                        Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value"),
                        Reply.error("ERR unknown command 'NOSUCH'"))),
                encoded(replies));
        assertEquals(index, machine.getLastAppliedTermIndex().getIndex());
    }

    @Test
    void aPayloadNoReplicaCouldApplyIsRefusedBeforeTheLog() {
        assertThrows(IOException.class, () -> machine.startTransaction(request(new byte[] {(byte) 0xff, 1, 2})));
    }

    @Test
    void anUnreadableEntryStopsTheReplicaInsteadOfSkippingIt() throws Exception {
        apply(propose(batch("SET k 1")));
        long applied = machine.getLastAppliedTermIndex().getIndex();
        TransactionContext corrupt = entry(org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(new byte[] {(byte) 0xff, 1}));
        assertThrows(IllegalStateException.class, () -> machine.applyTransaction(corrupt));
        assertEquals(applied, machine.getLastAppliedTermIndex().getIndex(), "the unreadable entry must not count as applied");
    }

    @Test
    void theLeaderNeverStampsATimeBeforeAnAppliedEntrysTime() throws Exception {
        long future = System.currentTimeMillis() + 3_600_000;
        // An entry stamped by an earlier leader whose clock ran an hour ahead.
        CommandBatch ahead = batch("SET k v").toBuilder().setTimestampMs(future).build();
        apply(entry(UnsafeByteOperations.unsafeWrap(ahead.toByteArray())));
        TransactionContext next = machine.startTransaction(request(batch("SET k w").toByteArray()));
        long stamped = CommandBatch.parseFrom(next.getStateMachineLogEntry().getLogData().toByteArray()).getTimestampMs();
        assertTrue(stamped >= future, "stamped " + stamped + " before the applied entry's " + future);
    }

    private TransactionContext propose(CommandBatch batch) throws IOException {
        TransactionContext trx = machine.startTransaction(request(batch.toByteArray()));
        return entry(trx.getStateMachineLogEntry().getLogData());
    }

    /** The log entry a replica applies: the next index, carrying {@code logData}. */
    private TransactionContext entry(org.apache.ratis.thirdparty.com.google.protobuf.ByteString logData) {
        LogEntryProto entry = LogEntryProto.newBuilder().setTerm(1).setIndex(++index)
                .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder().setLogData(logData)).build();
        return TransactionContext.newBuilder().setServerRole(RaftPeerRole.FOLLOWER).setStateMachine(machine)
                .setLogEntry(entry).build();
    }

    private List<Reply> apply(TransactionContext trx) throws Exception {
        Message m = machine.applyTransaction(trx).get();
        ReplyBatch batch = ReplyBatch.parseFrom(m.getContent().toByteArray());
        return batch.getRepliesList().stream().map(r -> ReplyCodec.decode(r.toByteArray())).toList();
    }

    private static RaftClientRequest request(byte[] payload) {
        return RaftClientRequest.newBuilder().setClientId(ClientId.randomId()).setServerId(RaftPeerId.valueOf("n1"))
                .setGroupId(RaftGroupId.randomId()).setCallId(1).setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(payload)))
                .setType(RaftClientRequest.writeRequestType()).build();
    }

    private static CommandBatch batch(String... commands) {
        CommandBatch.Builder b = CommandBatch.newBuilder();
        for (String c : commands) {
            Command.Builder cmd = Command.newBuilder();
            for (String a : c.split(" ")) cmd.addArgs(ByteString.copyFromUtf8(a));
            b.addCommands(cmd);
        }
        return b.build();
    }

    /** Replies as their encoded bytes' text (records holding arrays compare them by identity). */
    private static List<String> encoded(List<Reply> replies) {
        return replies.stream().map(r -> new String(ReplyCodec.encode(r), StandardCharsets.ISO_8859_1)).toList();
    }
}
