package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RANDOMKEY's answer is random, so these check what Redis guarantees on the engine alone: a
 * live key or null, never an expired one, every key reachable, and on the log (write) path the
 * same seed drawing the same key on every replica.
 */
class RandomKeyPropertiesTest {
    private static final byte[][] RANDOMKEY = RawRespClient.toBytes("randomkey");
    private final EngineRunner engine = new EngineRunner();

    @Test
    void anEmptyKeyspaceHasNoRandomKey() {
        assertEquals(Reply.NULL, engine.reply(RANDOMKEY));
    }

    @Test
    void drawsOnlyExistingKeysAndReachesEveryOne() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            keys.add("k" + i);
            engine.reply(RawRespClient.toBytes("set", "k" + i, "v"));
        }
        Map<String, Integer> drawn = new HashMap<>();
        for (int i = 0; i < 5000; i++) drawn.merge(draw(), 1, Integer::sum);
        assertEquals(keys, drawn.keySet(), "every key is drawn, and nothing else");
        // Like Redis' dictGetRandomKey a key sharing its bucket is drawn less often (100 is the
        // mean, a key among six in a bucket expects about 24), but none may be starved.
        for (var e : drawn.entrySet()) assertTrue(e.getValue() > 8, e.getKey() + " drawn " + e.getValue() + " times");
    }

    @Test
    void neverDrawsAnExpiredKey() {
        Keyspace ks = engine.engine().keyspace();
        for (int i = 0; i < 200; i++) engine.reply(RawRespClient.toBytes("set", "k" + i, "v"));
        for (int i = 0; i < 200; i++) {
            if (i % 10 != 0) ks.setExpire(new Key(("k" + i).getBytes(StandardCharsets.UTF_8)), 1);
        }
        for (int i = 0; i < 2000; i++) {
            String k = draw();
            assertEquals(0, Integer.parseInt(k.substring(1)) % 10, "expired key drawn: " + k);
        }
    }

    @Test
    void findsTheOneLiveKeyAmongThousandsOfExpiredOnes() {
        Keyspace ks = engine.engine().keyspace();
        for (int i = 0; i < 5000; i++) {
            engine.reply(RawRespClient.toBytes("set", "k" + i, "v"));
            if (i != 1234) ks.setExpire(new Key(("k" + i).getBytes(StandardCharsets.UTF_8)), 1);
        }
        for (int i = 0; i < 20; i++) assertEquals("k1234", draw());
    }

    @Test
    void onlyExpiredKeysMeansNull() {
        Keyspace ks = engine.engine().keyspace();
        for (int i = 0; i < 1000; i++) {
            engine.reply(RawRespClient.toBytes("set", "k" + i, "v"));
            ks.setExpire(new Key(("k" + i).getBytes(StandardCharsets.UTF_8)), 1);
        }
        assertEquals(Reply.NULL, engine.reply(RANDOMKEY));
    }

    /** Replicas apply the same entry to the same data: the batch's seed must decide the key. */
    @Test
    void onTheLogTheSeedDecidesTheKey() {
        Engine a = new Engine();
        Engine b = new Engine();
        CommandBatch.Builder load = CommandBatch.newBuilder().setTimestampMs(1000).setSeed(1);
        for (int i = 0; i < 500; i++) load.addCommands(command("set", "k" + i, "v"));
        a.apply(load.build());
        b.apply(load.build());
        Set<String> drawn = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            CommandBatch draw = CommandBatch.newBuilder().setTimestampMs(2000).setSeed(seed)
                    .addCommands(command("randomkey")).build();
            Reply fromA = a.apply(draw).get(0);
            assertEquals(text(fromA), text(b.apply(draw).get(0)));
            drawn.add(text(fromA));
        }
        assertTrue(drawn.size() > 10, "different seeds draw different keys: " + drawn);
    }

    private String draw() {
        return text(engine.reply(RANDOMKEY));
    }

    private static Command command(String... argv) {
        Command.Builder c = Command.newBuilder();
        for (String a : argv) c.addArgs(ByteString.copyFromUtf8(a));
        return c.build();
    }

    private static String text(Reply r) {
        return new String(((Reply.Bulk) r).value(), StandardCharsets.UTF_8);
    }
}
