package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memstone.testing.RawRespClient;
import io.memstone.testing.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine has no OBJECT command yet, so this compares redis-server's OBJECT ENCODING with
 * the stored value's {@link StringValue#encoding()} after each script of string writes.
 */
class StringEncodingMatchesRedisTest {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @ParameterizedTest
    @ValueSource(strings = {
            "set k 123", "set k -9223372036854775808", "set k 9223372036854775808", "set k 0123", "set k abc",
            "set k 12345678901234567890123456789012345678901234", "set k 123456789012345678901234567890123456789012345",
            "set k 1;append k 2", "append k 12", "append k abc;append k \"\"", "set k abc;setrange k 0 x",
            "setrange k 3 x", "set k 1;setbit k 0 0", "setbit k 7 1", "set k 12;bitfield k get u8 0",
            "set k 12;bitfield k set u8 0 49", "bitfield k incrby u8 0 1", "incr k", "incrby k 100000",
            "incrbyfloat k 3", "incrbyfloat k 1.5", "set a 1;bitop or k a", "set k v;getex k ex 100",
            "set k 5;getset k 7", "mset k 9 j x", "msetnx k 42", "setrange k 0 x;get k;setrange k 1 y",
            "setbit k 0 1;get k;append k 7;get k;set k 77"})
    void encodingMatchesRedis(String script) {
        redis.callString("FLUSHALL");
        EngineRunner engine = new EngineRunner();
        for (String line : script.split(";")) {
            byte[][] argv = Differential.tokenize(line);
            redis.call(argv);
            engine.call(argv);
        }
        String expected = new String(redis.call(RawRespClient.toBytes("OBJECT", "ENCODING", "k")),
                StandardCharsets.UTF_8).trim();
        RedisValue v = engine.engine().keyspace().get(new Key("k".getBytes(StandardCharsets.UTF_8)), System.currentTimeMillis());
        assertEquals(expected, "$" + v.encoding().length() + "\r\n" + v.encoding(), script);
    }
}
