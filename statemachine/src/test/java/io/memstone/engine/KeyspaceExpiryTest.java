package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyspaceExpiryTest {
    private static final long T = 1_700_000_000_000L;
    private final Engine engine = new Engine();

    @Test
    void expiredKeyReadsAbsentButOnlyWritesDeleteIt() {
        apply(T, "set", "k", "v", "px", "100");
        assertEquals("$1\r\nv\r\n", resp(engine.read(argv("get", "k"), T + 100)));
        assertEquals(Reply.NULL, engine.read(argv("get", "k"), T + 101));
        assertEquals(1, engine.keyspace().size(), "a read must not delete an expired key");
        assertEquals(Reply.ZERO, apply(T + 101, "exists", "k"));
        assertEquals(0, engine.keyspace().size(), "a write-path lookup deletes the expired key");
    }

    @Test
    void readPathRefusesWrites() {
        assertTrue(engine.read(argv("set", "k", "v"), T).isError());
        assertNull(engine.keyspace().get(new Key(bytes("k")), T));
    }

    @Test
    void activeExpiryDeletesOnlyKeysStillExpiredAtApplyTime() {
        apply(T, "set", "a", "1", "px", "10");
        apply(T, "set", "b", "2", "px", "10");
        apply(T, "set", "c", "3", "px", "1000");
        List<byte[]> sampled = engine.expiredKeys(T + 11, 10);
        assertEquals(2, sampled.size());
        apply(T + 12, "set", "b", "fresh");
        assertEquals(Reply.ONE, apply(T + 12, "__expire", "a", "b", "c", "missing"));
        assertEquals(Reply.array(List.of(Reply.integer(2), Reply.integer(1))), engine.read(argv("__keyspace"), T + 12));
    }

    @Test
    void engineChecksArityItself() {
        assertEquals(Errors.wrongArity("get"), apply(T, "get"));
        assertEquals(Errors.wrongArity("__expire"), apply(T, "__expire"));
    }

    private Reply apply(long now, String... words) {
        Command.Builder c = Command.newBuilder();
        for (byte[] a : argv(words)) c.addArgs(ByteString.copyFrom(a));
        return engine.apply(CommandBatch.newBuilder().setTimestampMs(now).addCommands(c).build()).get(0);
    }

    private static String resp(Reply r) {
        return new String(RespWriter.encode(r, RespWriter.RESP2), StandardCharsets.UTF_8);
    }

    private static byte[][] argv(String... words) {
        byte[][] argv = new byte[words.length][];
        for (int i = 0; i < words.length; i++) argv[i] = bytes(words[i]);
        return argv;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
