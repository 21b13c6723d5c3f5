package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.protobuf.ByteString;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streams survive a snapshot: entries, deleted entries and node boundaries, counters, groups,
 * consumers and pending entries. A reloaded engine has the same digest and answers every later
 * command (trims by whole nodes, claims, XINFO FULL with its times) exactly as the original.
 */
class StreamSnapshotTest {
    private static final long T0 = 1_700_000_000_000L;
    private long seed;

    @Test
    void aReloadedStreamAnswersLaterCommandsAsTheOriginal() throws IOException {
        Engine original = new Engine();
        for (int i = 1; i <= 250; i++) apply(original, T0 + i, "xadd s " + i + "-1 f v" + i + (i % 40 == 0 ? " g h" : ""));
        apply(original, T0 + 300, "xadd s * big " + "x".repeat(3000));
        apply(original, T0 + 301, "xdel s 5-1 6-1 120-1");
        apply(original, T0 + 302, "xtrim s minid 3-1");
        apply(original, T0 + 303, "xgroup create s g 0");
        apply(original, T0 + 304, "xgroup create s h $ entriesread 7");
        apply(original, T0 + 305, "xreadgroup group g alice count 30 streams s >");
        apply(original, T0 + 306, "xreadgroup group g bob count 5 streams s >");
        apply(original, T0 + 307, "xgroup createconsumer s h idle");
        apply(original, T0 + 308, "xdel s 10-1");
        apply(original, T0 + 309, "xsetid s 5000-0 entriesadded 400 maxdeletedid 200-1");

        Engine reloaded = reload(original);
        assertEquals(original.digest(), reloaded.digest());
        List<String> later = List.of("xinfo stream s full count 0", "xinfo groups s", "xinfo consumers s g",
                "xpending s g - + 100", "xautoclaim s g carol 50 0 count 7", "xclaim s g bob 0 20-1 21-1 10-1",
                "xtrim s maxlen ~ 150", "xlen s", "xadd s * f v", "xadd s 4999-* f v", "xreadgroup group g bob streams s 0",
                "xrange s - + count 3", "xrevrange s + - count 3", "xinfo stream s", "xdel s 200-1",
                "xtrim s maxlen 10", "xinfo stream s full");
        long t = T0 + 400;
        for (String line : later) {
            t += 1000;
            assertEquals(resp(apply(original, t, line)), resp(apply(reloaded, t, line)), line);
        }
        assertEquals(original.digest(), reloaded.digest());
    }

    @Test
    void theDigestCoversPendingEntries() {
        Engine a = new Engine(), b = new Engine();
        for (Engine e : List.of(a, b)) {
            apply(e, T0, "xadd s 1-1 f v");
            apply(e, T0, "xgroup create s g 0");
            apply(e, T0, "xreadgroup group g c streams s >");
        }
        assertEquals(a.digest(), b.digest());
        apply(b, T0 + 5, "xclaim s g c 0 1-1");
        assertNotEquals(a.digest(), b.digest(), "a claim changes the delivery time and count");
    }

    private Reply apply(Engine engine, long timeMs, String line) {
        Command.Builder c = Command.newBuilder();
        for (byte[] a : Differential.tokenize(line)) c.addArgs(ByteString.copyFrom(a));
        return engine.apply(CommandBatch.newBuilder().setTimestampMs(timeMs).setSeed(seed++).addCommands(c).build()).get(0);
    }

    private static String resp(Reply reply) {
        return new String(RespWriter.encode(reply, RespWriter.RESP3), StandardCharsets.ISO_8859_1);
    }

    private static Engine reload(Engine engine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EngineSnapshot.write(engine, "shard-0", 1, 2, out);
        return EngineSnapshot.read(new ByteArrayInputStream(out.toByteArray())).engine();
    }
}
