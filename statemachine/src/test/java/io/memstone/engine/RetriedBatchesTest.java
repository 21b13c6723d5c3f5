package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch that reaches the log twice (retried at a new leader) is applied once. */
class RetriedBatchesTest {
    private static final ByteString PROPOSER = ByteString.copyFromUtf8("proposer-1");

    @Test
    void aBatchAppliedAgainGetsItsFirstRepliesAndChangesNothing() {
        Engine engine = new Engine();
        CommandBatch incr = batch(PROPOSER, 1, "incrby", "counter", "5");
        assertEquals(":5", resp(engine.apply(incr)));
        assertEquals(":5", resp(engine.apply(incr)), "the retry is answered as the first time");
        assertEquals(":10", resp(engine.apply(batch(PROPOSER, 2, "incrby", "counter", "5"))));
        assertEquals(":15", resp(engine.apply(batch(ByteString.copyFromUtf8("other"), 1, "incrby", "counter", "5"))));
        assertEquals(":20", resp(engine.apply(batch(ByteString.EMPTY, 1, "incrby", "counter", "5"))));
        assertEquals(":25", resp(engine.apply(batch(ByteString.EMPTY, 1, "incrby", "counter", "5"))),
                "batches without a proposer are always applied");
    }

    @Test
    void aReplicaLoadedFromASnapshotStillRecognisesTheRetry() throws IOException {
        Engine engine = new Engine();
        CommandBatch incr = batch(PROPOSER, 7, "incrby", "counter", "3");
        engine.apply(incr);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EngineSnapshot.write(engine, "shard-0", 1, 1, out);
        Engine reloaded = EngineSnapshot.read(new ByteArrayInputStream(out.toByteArray())).engine();
        assertEquals(":3", resp(reloaded.apply(incr)));
        assertEquals(engine.digest(), reloaded.digest());
    }

    @Test
    void onlyTheLastBatchesOfAProposerAreRemembered() {
        Engine engine = new Engine();
        for (int seq = 1; seq <= AppliedBatches.WINDOW + 1; seq++) engine.apply(batch(PROPOSER, seq, "incr", "n"));
        assertEquals(":10", resp(engine.apply(batch(PROPOSER, 1, "incr", "n"))), "seq 1 fell out of the window");
        assertEquals(":9", resp(engine.apply(batch(PROPOSER, 9, "incr", "n"))));
    }

    private static CommandBatch batch(ByteString proposer, long sequence, String... argv) {
        Command.Builder c = Command.newBuilder();
        for (String a : argv) c.addArgs(ByteString.copyFromUtf8(a));
        return CommandBatch.newBuilder().setTimestampMs(1_700_000_000_000L).setSeed(sequence)
                .setProposer(proposer).setSequence(sequence).addCommands(c).build();
    }

    private static String resp(List<Reply> replies) {
        return new String(RespWriter.encode(replies.get(0), RespWriter.RESP2), StandardCharsets.US_ASCII).trim();
    }
}
