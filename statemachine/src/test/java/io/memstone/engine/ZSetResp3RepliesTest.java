package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.memstone.command.CommandTable;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The RESP3 shapes of sorted-set replies (the differential tests speak RESP2): doubles, nulls,
 * and member/score pairs nested where redis-server 7.0 nests them. Expected bytes were taken
 * from redis-server 7.0.15 after HELLO 3.
 */
class ZSetResp3RepliesTest {
    private final Engine engine = new Engine();

    @Test
    void scoresAreDoublesAndPairsAreNested() {
        resp3(":3\r\n", "zadd k 1 a 2.5 b 3 c");
        resp3("*3\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n*2\r\n$1\r\nc\r\n,3\r\n", "zrange k 0 -1 withscores");
        resp3("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", "zrange k 0 -1");
        resp3(",2.5\r\n", "zscore k b");
        resp3("_\r\n", "zscore k x");
        resp3("*2\r\n,1\r\n_\r\n", "zmscore k a x");
        resp3("*2\r\n$1\r\na\r\n,1\r\n", "zpopmin k");
        resp3("*1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n", "zpopmin k 1");
        resp3("*2\r\n$1\r\nk\r\n*1\r\n*2\r\n$1\r\nc\r\n,3\r\n", "zmpop 1 k max");
        resp3(":2\r\n", "zadd k 1 a 2 b");
        resp3("*2\r\n*2\r\n$1\r\nb\r\n,2\r\n*2\r\n$1\r\na\r\n,1\r\n", "zrandmember k 5 withscores");
        resp3("*2\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2\r\n", "zunion 1 k withscores");
        resp3(",2\r\n", "zincrby k 1 a");
        resp3(",3\r\n", "zadd k incr 1 a");
        resp3("*2\r\n$1\r\n0\r\n*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n3\r\n", "zscan k 0");
        resp3("_\r\n", "zrank k zz");
        resp3("*2\r\n*2\r\n$1\r\nb\r\n,2\r\n*2\r\n$1\r\na\r\n,3\r\n", "zrangebyscore k -inf inf withscores");
        resp3("*0\r\n", "zpopmin missing");
        resp3("_\r\n", "zmpop 1 missing min");
    }

    private void resp3(String expected, String line) {
        byte[][] argv = RawRespClient.toBytes(line.split(" "));
        Reply reply;
        if (CommandTable.redis().lookup(CommandContext.lowerName(argv[0])).isWrite()) {
            Command.Builder c = Command.newBuilder();
            for (byte[] a : argv) c.addArgs(ByteString.copyFrom(a));
            reply = engine.apply(CommandBatch.newBuilder().setTimestampMs(1).setSeed(1).addCommands(c).build()).get(0);
        } else {
            reply = engine.read(argv, 1);
        }
        assertEquals(expected, new String(RespWriter.encode(reply, RespWriter.RESP3), StandardCharsets.UTF_8), line);
    }
}
