package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Script results as a RESP3 client receives them (the differential tests speak RESP2): maps,
 * sets, doubles and booleans from {@code redis.setresp(3)} and from {@code {map=...}}-style
 * tables, and nil in the client's protocol. Expected bytes were taken from redis-server 7.0.15
 * after HELLO 3.
 */
class ScriptResp3RepliesTest {
    private final Engine engine = new Engine();

    @Test
    void scriptResultsKeepTheirResp3Types() {
        eval(":1\r\n", "return redis.call('hset', 'h', 'f', 'v')");
        eval(":1\r\n", "return redis.call('zadd', 'z', 2.5, 'm')");
        eval(":1\r\n", "return redis.call('sadd', 'st', 'm')");
        eval("%1\r\n$1\r\nf\r\n$1\r\nv\r\n", "redis.setresp(3) return redis.call('hgetall', 'h')");
        eval("~1\r\n$1\r\nm\r\n", "redis.setresp(3) return redis.call('smembers', 'st')");
        eval("%1\r\n$1\r\na\r\n:1\r\n", "return {map={a=1}}");
        eval("~1\r\n$1\r\nx\r\n", "return {set={x=true}}");
        eval(",1.5\r\n", "return {double=1.5}");
        eval("#t\r\n", "redis.setresp(3) return true");
        eval("#f\r\n", "redis.setresp(3) return false");
        eval(":1\r\n", "return true");
        eval("_\r\n", "return false");
        eval("_\r\n", "return nil");
        eval(",2.5\r\n", "redis.setresp(3) return redis.call('zscore', 'z', 'm')");
        eval("$3\r\n2.5\r\n", "return redis.call('zscore', 'z', 'm')");
        eval("_\r\n", "redis.setresp(3) return redis.call('get', 'nokey')");
        eval("*2\r\n$1\r\nf\r\n$1\r\nv\r\n", "return redis.call('hgetall', 'h')");
        eval("*1\r\n*1\r\n*2\r\n$1\r\nm\r\n,2.5\r\n",
                "redis.setresp(3) return {redis.call('zrange', 'z', 0, -1, 'withscores')}");
    }

    private void eval(String expected, String body) {
        Command.Builder c = Command.newBuilder();
        for (String a : new String[] {"eval", body, "0"}) c.addArgs(ByteString.copyFromUtf8(a));
        Reply reply = engine.apply(CommandBatch.newBuilder().setTimestampMs(1).setSeed(1).addCommands(c).build()).get(0);
        assertEquals(expected, new String(RespWriter.encode(reply, RespWriter.RESP3), StandardCharsets.UTF_8), body);
    }
}
