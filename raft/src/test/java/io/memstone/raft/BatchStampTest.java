package io.memstone.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import org.junit.jupiter.api.Test;

class BatchStampTest {
    private static final CommandBatch PROPOSED = CommandBatch.newBuilder()
            .setProposer(ByteString.copyFromUtf8("node-1")).setSequence(42)
            .addCommands(Command.newBuilder().addArgs(ByteString.copyFromUtf8("SET")).addArgs(ByteString.copyFromUtf8("k")))
            .build();

    @Test
    void aStampedBatchParsesAsTheBatchWithTheLeadersTimeAndSeed() throws Exception {
        var stamped = BatchStamp.stamp(org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(PROPOSED.toByteArray()),
                1_700_000_000_123L, -7L);
        assertEquals(PROPOSED.toBuilder().setTimestampMs(1_700_000_000_123L).setSeed(-7L).build(),
                CommandBatch.parseFrom(stamped.newInput()));
    }

    @Test
    void theStampReplacesATimeAndSeedTheProposerSet() throws Exception {
        CommandBatch withTime = PROPOSED.toBuilder().setTimestampMs(5).setSeed(6).build();
        var stamped = BatchStamp.stamp(org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(withTime.toByteArray()), 9, 0);
        CommandBatch parsed = CommandBatch.parseFrom(stamped.newInput());
        assertEquals(9, parsed.getTimestampMs());
        assertEquals(0, parsed.getSeed(), "a zero seed replaces the proposer's too");
    }
}
