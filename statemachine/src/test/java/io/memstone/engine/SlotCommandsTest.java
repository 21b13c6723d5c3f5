package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.memstone.command.Slots;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The steps of a slot move, on two engines standing for the source and target shards. */
class SlotCommandsTest {
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void aClosedSlotRefusesItsKeysOnlyAndReopens() {
        Engine e = new Engine();
        write(e, "SET", "{a}1", "x");
        int slot = Slots.slot(bytes("{a}1"));
        assertEquals(Reply.OK, write(e, "__closeslots", Integer.toString(slot), Integer.toString(slot)));
        Reply refused = write(e, "SET", "{a}2", "y");
        assertTrue(refused instanceof Reply.Error err && err.text().startsWith(SlotGuard.MOVING), refused.toString());
        assertTrue(read(e, "GET", "{a}1") instanceof Reply.Error, "reads are refused too: the target may be ahead");
        assertEquals(Reply.OK, write(e, "SET", "{b}1", "z"), "other slots are served");
        write(e, "__openslots", Integer.toString(slot), Integer.toString(slot));
        assertEquals("x", text(read(e, "GET", "{a}1")));
    }

    @Test
    void dumpedKeysRestoreOnTheTargetWithTheirExpiryAndDropFromTheSource() {
        Engine source = new Engine();
        for (int i = 0; i < 2000; i++) write(source, "SET", "k" + i, "v" + i);
        write(source, "PEXPIREAT", "k7", Long.toString(NOW + 60_000));
        write(source, "RPUSH", "list", "a", "b");
        write(source, "__closeslots", "0", "8191");
        Engine target = new Engine();
        int moved = 0;
        String cursor = "0";
        do {
            Reply.Array page = (Reply.Array) read(source, "__dumpslots", "0", "8191", cursor, "100");
            cursor = text(page.items().get(0));
            for (Reply entry : ((Reply.Array) page.items().get(1)).items()) {
                List<Reply> e = ((Reply.Array) entry).items();
                long expireAt = ((Reply.Int) e.get(1)).value();
                assertEquals(Reply.OK, apply(target, List.of(((Reply.Bulk) e.get(0)).value(),
                        bytes(Long.toString(Math.max(expireAt, 0))), ((Reply.Bulk) e.get(2)).value(), bytes("ABSTTL")), "RESTORE"));
                moved++;
            }
        } while (!cursor.equals("0"));
        int expected = 0;
        for (int i = 0; i < 2000; i++) {
            boolean low = Slots.slot(bytes("k" + i)) <= 8191;
            if (low) expected++;
            assertEquals(low ? "v" + i : null, text(read(target, "GET", "k" + i)), "k" + i);
        }
        if (Slots.slot(bytes("list")) <= 8191) expected++;
        assertEquals(expected, moved, "each key of the range once");
        if (Slots.slot(bytes("k7")) <= 8191) assertEquals(NOW + 60_000, target.keyspace().expireAt(new Key(bytes("k7"))));
        assertEquals((long) expected, ((Reply.Int) write(source, "__dropslots", "0", "8191")).value());
        assertEquals(2001 - expected, source.keyspace().size());
    }

    @Test
    void closedSlotsSurviveASnapshot() throws Exception {
        Engine e = new Engine();
        write(e, "SET", "k", "v");
        write(e, "__closeslots", "10", "20", "100", "100");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EngineSnapshot.write(e, "shard-0", 1, 5, out);
        Engine loaded = EngineSnapshot.read(new ByteArrayInputStream(out.toByteArray())).engine();
        List<long[]> ranges = new ArrayList<>();
        for (int[] r : loaded.slots().ranges()) ranges.add(new long[] {r[0], r[1]});
        assertEquals(2, ranges.size());
        assertEquals(List.of(10L, 20L, 100L, 100L), List.of(ranges.get(0)[0], ranges.get(0)[1], ranges.get(1)[0], ranges.get(1)[1]));
    }

    @Test
    void badRangesAreRefusedAndChangeNothing() {
        Engine e = new Engine();
        assertInstanceOf(Reply.Error.class, write(e, "__closeslots", "5", "2"));
        assertInstanceOf(Reply.Error.class, write(e, "__closeslots", "0", "16384"));
        assertInstanceOf(Reply.Error.class, write(e, "__closeslots", "1", "2", "3"));
        assertInstanceOf(Reply.Error.class, write(e, "__closeslots", "x", "2"));
        assertEquals(List.of(), e.slots().ranges());
    }

    private static Reply write(Engine e, String... argv) {
        List<byte[]> args = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) args.add(bytes(argv[i]));
        return apply(e, args, argv[0]);
    }

    private static Reply apply(Engine e, List<byte[]> args, String name) {
        Command.Builder c = Command.newBuilder().addArgs(ByteString.copyFromUtf8(name));
        args.forEach(a -> c.addArgs(ByteString.copyFrom(a)));
        return e.apply(CommandBatch.newBuilder().setTimestampMs(NOW).setSeed(1).addCommands(c).build()).get(0);
    }

    private static Reply read(Engine e, String... argv) {
        byte[][] a = new byte[argv.length][];
        for (int i = 0; i < argv.length; i++) a[i] = bytes(argv[i]);
        return e.read(a, NOW);
    }

    private static String text(Reply r) {
        return r instanceof Reply.Bulk b ? new String(b.value(), StandardCharsets.UTF_8) : null;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
