package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.memstone.engine.script.LuaScripts;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scripts run inside the state machine on every replica: the same log entries must leave every
 * replica with the same data, whatever the scripts draw from math.random or read from TIME; a
 * runaway script is stopped by its instruction budget at the same point everywhere; and the
 * script cache travels in snapshots.
 */
class ScriptDeterminismTest {
    private static final String RANDOM_WRITER =
            "for i = 1, 20 do redis.call('rpush', KEYS[1], math.random(1000000), math.random()) end "
                    + "local t = redis.call('time') redis.call('set', KEYS[2], t[1] .. '.' .. t[2]) "
                    + "redis.call('sadd', KEYS[3], 'a', 'b', 'c', 'd', 'e') "
                    + "return redis.call('spop', KEYS[3], 2)";
    private static final String ENDLESS = "while true do end";

    private static CommandBatch batch(long timestampMs, long seed, String... argv) {
        Command.Builder c = Command.newBuilder();
        for (String a : argv) c.addArgs(ByteString.copyFrom(a, StandardCharsets.UTF_8));
        return CommandBatch.newBuilder().setTimestampMs(timestampMs).setSeed(seed).addCommands(c).build();
    }

    /** Replies as RESP2 text, comparable (a bulk string's bytes are an array). */
    private static String resp(List<Reply> replies) {
        StringBuilder b = new StringBuilder();
        for (Reply r : replies) b.append(new String(RespWriter.encode(r, RespWriter.RESP2), StandardCharsets.ISO_8859_1));
        return b.toString();
    }

    private static List<CommandBatch> randomScriptLog(long seedBase) {
        List<CommandBatch> log = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            log.add(batch(1_700_000_000_000L + i * 1234, seedBase + i, "eval", RANDOM_WRITER, "3",
                    "{" + i + "}list", "{" + i + "}time", "{" + i + "}set"));
        }
        return log;
    }

    private static List<Reply> applyAll(Engine engine, List<CommandBatch> log) {
        List<Reply> replies = new ArrayList<>();
        for (CommandBatch b : log) replies.addAll(engine.apply(b));
        return replies;
    }

    @Test
    void replicasApplyingScriptsThatUseRandomAndTimeEndWithEqualDigests() {
        Engine first = new Engine();
        Engine second = new Engine();
        List<Reply> firstReplies = applyAll(first, randomScriptLog(7));
        List<Reply> secondReplies = applyAll(second, randomScriptLog(7));
        assertEquals(first.digest(), second.digest(), "replicas applied the same log");
        assertEquals(resp(firstReplies), resp(secondReplies), "replicas answered alike");
        for (Reply r : firstReplies) assertTrue(!r.isError(), "script failed: " + r);

        Engine otherSeeds = new Engine();
        applyAll(otherSeeds, randomScriptLog(8));
        assertNotEquals(first.digest(), otherSeeds.digest(), "math.random must draw from the entry's seed");
    }

    @Test
    void anEndlessScriptStopsAtTheSameInstructionOnEveryReplicaAndTheShardKeepsServing() {
        Engine first = new Engine();
        Engine second = new Engine();
        for (String body : List.of(ENDLESS, "while true do pcall(function() while true do end end) end",
                "while true do coroutine.resume(coroutine.create(function() for i = 1, 9000 do end end)) end")) {
            CommandBatch endless = batch(1000, 1, "eval", body, "0");
            Reply stopped = first.apply(endless).get(0);
            assertEquals(stopped, second.apply(endless).get(0), "both replicas stop " + body + " alike");
            assertTrue(stopped instanceof Reply.Error e
                    && e.text().startsWith("ERR Script exceeded the instruction budget of "
                            + LuaScripts.INSTRUCTION_BUDGET + " instructions script: "),
                    body + " answered " + stopped);
        }
        assertEquals(Reply.OK, first.apply(batch(1000, 2, "set", "k", "v")).get(0));
        assertEquals(Reply.integer(3), first.apply(batch(1000, 3, "eval", "return 1 + 2", "0")).get(0));
    }

    @Test
    void deepRecursionHugeScriptsAndHugeStringsAnswerErrorsAndTheEngineKeepsServing() {
        Engine engine = new Engine();
        Reply recursion = engine.apply(batch(1000, 1, "eval",
                "local function f(n) return 1 + f(n + 1) end return f(1)", "0")).get(0);
        assertTrue(recursion.isError() && ((Reply.Error) recursion).text().contains("stack overflow"),
                "deep recursion answered " + recursion);
        Reply nested = engine.apply(batch(1000, 2, "eval",
                "local t = {} t[1] = t return t", "0")).get(0);
        assertEquals(Reply.error("ERR reached lua stack limit"), nested);
        Reply huge = engine.apply(batch(1000, 3, "eval", "return " + "1 + ".repeat(100_000) + "1", "0")).get(0);
        assertTrue(huge.isError() || huge.equals(Reply.integer(100_001)), "huge script answered " + huge);
        Reply tooLarge = engine.apply(batch(1000, 4, "eval", "return #string.rep('x', 2^40)", "0")).get(0);
        assertTrue(tooLarge.isError() && ((Reply.Error) tooLarge).text().startsWith(
                "ERR user_script:1: resulting string too large script: "), "string.rep of 2^40 bytes answered " + tooLarge);
        assertEquals(Reply.integer(2), engine.apply(batch(1000, 5, "eval", "return 2", "0")).get(0));
    }

    @Test
    void aSnapshotKeepsTheScriptCache() throws IOException {
        Engine engine = new Engine();
        Reply sha = engine.apply(batch(1000, 1, "script", "load", "return 'cached'")).get(0);
        engine.apply(batch(1000, 2, "eval", "return ARGV[1]", "0", "x"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EngineSnapshot.write(engine, "shard-0", 1, 2, out);
        Engine restored = EngineSnapshot.read(new ByteArrayInputStream(out.toByteArray())).engine();

        assertEquals(2, restored.scripts().size());
        String shaText = new String(((Reply.Bulk) sha).value(), StandardCharsets.US_ASCII);
        assertEquals(resp(List.of(Reply.bulk("cached"))), resp(restored.apply(batch(1000, 3, "evalsha", shaText, "0"))));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        EngineSnapshot.write(restored, "shard-0", 1, 2, again);
        assertEquals(new String(out.toByteArray(), StandardCharsets.ISO_8859_1),
                new String(again.toByteArray(), StandardCharsets.ISO_8859_1), "a restored cache writes the same snapshot");
    }

    @Test
    void aSnapshotKeepsTheFunctionLibrariesAndACallNeverSeesAnEarlierCallsLocals() throws IOException {
        Engine engine = new Engine();
        String counter = "#!lua name=counter\nlocal n = 0\n"
                + "redis.register_function('bump', function(keys) n = n + 1 redis.call('set', keys[1], n) return n end)";
        engine.apply(batch(1000, 1, "function", "load", counter));
        engine.apply(batch(1000, 2, "function", "load", "#!lua name=other\nredis.register_function('two', function() return 2 end)"));
        assertEquals(resp(List.of(Reply.integer(1))), resp(engine.apply(batch(1000, 3, "fcall", "bump", "1", "k"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EngineSnapshot.write(engine, "shard-0", 1, 3, out);
        Engine restored = EngineSnapshot.read(new ByteArrayInputStream(out.toByteArray())).engine();

        for (Engine e : List.of(engine, restored)) {
            assertEquals(resp(List.of(Reply.integer(1))), resp(e.apply(batch(1000, 4, "fcall", "bump", "1", "k"))),
                    "a fresh instance of the library for every call, on a running and on a restored replica");
            assertEquals(resp(List.of(Reply.integer(2))), resp(e.apply(batch(1000, 5, "fcall", "two", "0"))));
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        EngineSnapshot.write(restored, "shard-0", 1, 3, again);
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        EngineSnapshot.write(engine, "shard-0", 1, 3, original);
        assertEquals(new String(original.toByteArray(), StandardCharsets.ISO_8859_1),
                new String(again.toByteArray(), StandardCharsets.ISO_8859_1), "restored libraries write the same snapshot");
    }
}
