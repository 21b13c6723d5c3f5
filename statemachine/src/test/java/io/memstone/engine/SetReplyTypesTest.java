package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.google.protobuf.ByteString;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import org.junit.jupiter.api.Test;

/**
 * RESP2 cannot tell a set reply from an array, so the differential tests cannot either: these
 * check the reply types RESP3 clients see, after Redis 7.0 (sets for SMEMBERS, SINTER, SUNION,
 * SDIFF and SPOP with a count, even when empty; arrays for SRANDMEMBER and SMISMEMBER).
 */
class SetReplyTypesTest {
    private final Engine engine = new Engine();

    @Test
    void setResultsAreSetRepliesEvenWhenEmpty() {
        write("sadd s a b 1");
        for (String line : new String[] {"smembers s", "sinter s", "sunion s", "sdiff s", "smembers missing",
                "sinter s missing", "sunion missing", "sdiff missing s"}) {
            assertInstanceOf(Reply.SetReply.class, read(line), line);
        }
        for (String line : new String[] {"spop s 1", "spop s 0", "spop missing 2", "spop s 10"}) {
            assertInstanceOf(Reply.SetReply.class, write(line), line);
        }
    }

    @Test
    void srandmemberAndSmismemberReplyArrays() {
        write("sadd s a b 1");
        for (String line : new String[] {"srandmember s 2", "srandmember s -2", "srandmember s 0",
                "srandmember missing 3", "srandmember s 10", "smismember s a x"}) {
            assertInstanceOf(Reply.Array.class, read(line), line);
        }
        assertEquals(Reply.NULL, read("srandmember missing"));
        assertEquals(Reply.NULL, write("spop missing"));
    }

    private Reply read(String line) {
        return engine.read(Differential.tokenize(line), 0);
    }

    private Reply write(String line) {
        Command.Builder c = Command.newBuilder();
        for (byte[] a : Differential.tokenize(line)) c.addArgs(ByteString.copyFrom(a));
        return engine.apply(CommandBatch.newBuilder().setTimestampMs(0).setSeed(1).addCommands(c).build()).get(0);
    }
}
