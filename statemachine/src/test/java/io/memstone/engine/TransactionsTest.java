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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WATCH versions and the engine half of MULTI/EXEC ({@code __watch}, {@code __exec}). */
class TransactionsTest {
    private static final long T = 1_700_000_000_000L;
    private Engine engine = new Engine();
    private long seed;

    @Test
    void everyKindOfChangeMovesTheVersion() {
        String[][][] cases = {
                {{"set", "k", "w"}}, {{"append", "k", "x"}}, {{"del", "k"}}, {{"unlink", "k"}}, {{"getdel", "k"}},
                {{"expire", "k", "100"}}, {{"persist", "k"}}, {{"pexpire", "k", "-1"}}, {{"rename", "k", "other"}},
                {{"rename", "src", "k"}}, {{"copy", "src", "k", "replace"}}, {{"flushall"}},
                {{"set", "k", "1"}, {"incr", "k"}}, {{"rpush", "k", "a", "b"}, {"lpop", "k"}},
                {{"sadd", "k", "m"}, {"srem", "k", "m"}}, {{"hset", "k", "f", "v"}, {"hdel", "k", "f"}},
                {{"zadd", "k", "1", "m"}, {"zincrby", "k", "1", "m"}}, {{"pfadd", "k", "a"}, {"pfcount", "k"}}};
        for (String[][] steps : cases) {
            engine = new Engine();
            apply(T, "set", "src", "s");
            apply(T, "set", "k", "v", "px", "500"); // an expiry for PERSIST to remove
            if (steps.length > 1) apply(T, "del", "k"); // a type of its own to set up
            for (int i = 0; i < steps.length - 1; i++) apply(T, steps[i]);
            List<TransactionArgs.Watched> watched = watch(T, "k");
            String[] change = steps[steps.length - 1];
            apply(T, change);
            assertEquals(Reply.NULL_ARRAY, exec(T, watched, cmd("exists", "k")), String.join(" ", change) + " must abort EXEC");
        }
    }

    @Test
    void aRefusedOrVoidWriteLeavesTheVersion() {
        apply(T, "set", "k", "v");
        List<TransactionArgs.Watched> watched = watch(T, "k", "absent");
        apply(T, "lpush", "k", "x"); // WRONGTYPE
        apply(T, "del", "absent");
        apply(T, "zunionstore", "absent", "1", "nothing"); // empty result, nothing to delete
        assertEquals(Reply.array(List.of(Reply.ONE)), exec(T, watched, cmd("exists", "k")));
    }

    @Test
    void readsAndChangesToOtherKeysLeaveTheVersion() {
        apply(T, "set", "k", "v");
        apply(T, "sadd", "s", "m");
        List<TransactionArgs.Watched> watched = watch(T, "k", "s");
        apply(T, "get", "k");
        apply(T, "sismember", "s", "m");
        apply(T, "set", "unrelated", "1");
        assertEquals(Reply.array(List.of(Reply.OK)), exec(T, watched, cmd("set", "k", "mine")));
        assertEquals("$4\r\nmine\r\n", resp(engine.read(argv("get", "k"), T)));
    }

    @Test
    void readsInsideATransactionDoNotAbortOtherWatchers() {
        apply(T, "set", "k", "v");
        List<TransactionArgs.Watched> watched = watch(T, "k");
        assertEquals("*1\r\n$1\r\nv\r\n", resp(exec(T, List.of(), cmd("get", "k"))));
        assertEquals(Reply.array(List.of(Reply.integer(1))), exec(T, watched, cmd("exists", "k")));
    }

    @Test
    void aKeyThatExpiresAfterWatchAbortsButOneAlreadyExpiredDoesNot() {
        apply(T, "set", "live", "1", "px", "100");
        List<TransactionArgs.Watched> live = watch(T, "live");
        assertEquals(Reply.NULL_ARRAY, exec(T + 101, live, cmd("exists", "k")), "expired between WATCH and EXEC");

        apply(T, "set", "gone", "1", "px", "100");
        List<TransactionArgs.Watched> gone = watch(T + 200, "gone");
        assertEquals(Reply.ONE, apply(T + 200, "__expire", "gone"));
        apply(T + 200, "flushall");
        assertEquals(Reply.array(List.of(Reply.ZERO)), exec(T + 300, gone, cmd("exists", "k")),
                "deleting or flushing a key WATCH saw expired is no change");
    }

    @Test
    void lazyExpiryOfAWatchedLiveKeyStillAborts() {
        apply(T, "set", "k", "1", "px", "100");
        List<TransactionArgs.Watched> watched = watch(T, "k");
        apply(T + 150, "get", "k"); // through the log: deletes the expired key without moving its version
        assertEquals(Reply.NULL_ARRAY, exec(T + 150, watched, cmd("exists", "k")));
    }

    @Test
    void flushallAbortsWatchersOfExistingKeysOnly() {
        apply(T, "set", "k", "1");
        List<TransactionArgs.Watched> existing = watch(T, "k");
        List<TransactionArgs.Watched> absent = watch(T, "nothing-here");
        apply(T, "flushall");
        assertEquals(Reply.NULL_ARRAY, exec(T, existing, cmd("exists", "k")));
        assertEquals(Reply.array(List.of(Reply.ZERO)), exec(T, absent, cmd("exists", "k")));
    }

    @Test
    void aRuntimeErrorDoesNotStopTheOtherCommands() {
        Reply r = exec(T, List.of(), cmd("set", "a", "x"), cmd("incr", "a"), cmd("set", "b", "y"), cmd("lpush", "a", "1"));
        assertEquals(Reply.array(List.of(Reply.OK, Reply.error("ERR value is not an integer or out of range"), Reply.OK,
                Errors.WRONGTYPE)), r);
        assertEquals("$1\r\ny\r\n", resp(engine.read(argv("get", "b"), T)));
    }

    @Test
    void versionsSurviveASnapshotSoAReplicaThatReloadedDecidesAlike() throws IOException {
        apply(T, "set", "k", "v");
        apply(T, "set", "j", "v");
        List<TransactionArgs.Watched> k = watch(T, "k");
        List<TransactionArgs.Watched> j = watch(T, "j");
        apply(T, "set", "j", "changed");
        Engine reloaded = reload(engine);
        CommandBatch both = batch(T, exec(k, cmd("incr", "n")), exec(j, cmd("incr", "n")));
        List<Reply> replies = engine.apply(both);
        assertEquals(List.of(Reply.array(List.of(Reply.ONE)), Reply.NULL_ARRAY), replies, "k unchanged, j changed");
        assertEquals(replies, reloaded.apply(both), "the replica that reloaded decides alike");
        CommandBatch later = batch(T, argv("set", "k", "again"));
        engine.apply(later);
        reloaded.apply(later);
        assertEquals(engine.read(argv("__watch", "k", "j"), T), reloaded.read(argv("__watch", "k", "j"), T),
                "and draws the same versions afterwards");
        assertEquals(engine.digest(), reloaded.digest());
    }

    @Test
    void versionsOfDifferentShardsDiffer() {
        Engine other = new Engine();
        apply(T, "set", "k", "v");
        other.apply(batch(T, argv("set", "k", "v")));
        assertNotEquals(engine.read(argv("__watch", "k"), T), other.read(argv("__watch", "k"), T),
                "a WATCH read on one shard must not match the same key on another");
    }

    @Test
    void aTransactionOnAMovingSlotIsRefusedWhole() {
        int slot = io.memstone.command.Slots.slot(bytes("k"));
        engine.slots().close(slot, slot);
        Reply r = exec(T, List.of(), cmd("set", "other", "v"), cmd("set", "k", "v"));
        assertEquals(true, r instanceof Reply.Error e && e.text().startsWith(SlotGuard.MOVING), "got " + r);
        assertEquals(Reply.NULL, engine.read(argv("get", "other"), T), "nothing of it ran");
    }

    @Test
    void aMalformedTransactionIsAnErrorNotACrash() {
        assertEquals(Errors.SYNTAX, apply(T, "__exec", "5", "k"));
        assertEquals(Errors.SYNTAX, apply(T, "__exec", "0", "3", "set", "k"));
        assertEquals(Reply.error("ERR EXEC inside a transaction"),
                exec(T, List.of(), TransactionArgs.exec(List.of(), List.<byte[][]>of(cmd("exists", "k")))));
    }

    private List<TransactionArgs.Watched> watch(long now, String... keys) {
        List<byte[]> k = Arrays.stream(keys).map(TransactionsTest::bytes).toList();
        return TransactionArgs.watched(k, engine.read(TransactionArgs.watch(k), now));
    }

    private Reply exec(long now, List<TransactionArgs.Watched> watched, byte[][]... commands) {
        return engine.apply(batch(now, exec(watched, commands))).get(0);
    }

    private static byte[][] exec(List<TransactionArgs.Watched> watched, byte[][]... commands) {
        return TransactionArgs.exec(watched, List.of(commands));
    }

    private Reply apply(long now, String... words) {
        return engine.apply(batch(now, argv(words))).get(0);
    }

    private CommandBatch batch(long now, byte[][]... commands) {
        CommandBatch.Builder b = CommandBatch.newBuilder().setTimestampMs(now).setSeed(seed++);
        for (byte[][] argv : commands) {
            Command.Builder c = Command.newBuilder();
            for (byte[] a : argv) c.addArgs(ByteString.copyFrom(a));
            b.addCommands(c);
        }
        return b.build();
    }

    private static Engine reload(Engine engine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EngineSnapshot.write(engine, "s", 1, 1, out);
        return EngineSnapshot.read(new ByteArrayInputStream(out.toByteArray())).engine();
    }

    private static String resp(Reply r) {
        return new String(RespWriter.encode(r, RespWriter.RESP2), StandardCharsets.UTF_8);
    }

    private static byte[][] cmd(String... words) {
        return argv(words);
    }

    private static byte[][] argv(String... words) {
        List<byte[]> out = new ArrayList<>();
        for (String w : words) out.add(bytes(w));
        return out.toArray(new byte[0][]);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
