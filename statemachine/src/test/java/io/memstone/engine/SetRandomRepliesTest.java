package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPOP and SRANDMEMBER draw at random, so their replies cannot match redis-server's: these run
 * on the engine alone and assert what Redis guarantees (counts, distinctness, membership,
 * what is left behind), across the strategies Redis switches between by count and size.
 */
class SetRandomRepliesTest {
    private final EngineRunner engine = new EngineRunner();

    /** 100 string members, or 100 integers (an intset). */
    private Set<String> fill(String key, boolean integers) {
        Set<String> members = new HashSet<>();
        List<String> argv = new ArrayList<>(List.of("sadd", key));
        for (int i = 0; i < 100; i++) {
            String m = integers ? Integer.toString(i * 7 - 300) : "m" + i;
            members.add(m);
            argv.add(m);
        }
        call(argv.toArray(new String[0]));
        return members;
    }

    /** Count 10 pops one by one; 85 (fewer than a fifth stay) rebuilds the set from the rest. */
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 85, 99})
    void spopCountPopsThatManyDistinctMembersAndLeavesTheRest(int count) {
        for (boolean integers : new boolean[] {false, true}) {
            Set<String> before = fill("s", integers);
            call("expire", "s", "1000");
            List<String> popped = array(call("spop", "s", Integer.toString(count)));
            assertEquals(count, popped.size());
            assertEquals(count, new HashSet<>(popped).size(), "distinct");
            Set<String> left = new HashSet<>(array(call("smembers", "s")));
            assertEquals(100 - count, left.size());
            Set<String> all = new HashSet<>(left);
            all.addAll(popped);
            assertEquals(before, all);
            assertEquals(":1\r\n", text(call("sismember", "s", left.iterator().next())));
            assertEquals(":0\r\n", text(call("sismember", "s", popped.get(0))));
            assertTrue(text(call("ttl", "s")).matches(":(99\\d|1000)\r\n"), "SPOP keeps the TTL");
            call("del", "s");
        }
    }

    @Test
    void spopRebuildingAHashTableMayLeaveAnIntset() {
        List<String> argv = new ArrayList<>(List.of("sadd", "s", "a"));
        for (int i = 0; i < 20; i++) argv.add(Integer.toString(i));
        int intsets = 0;
        for (int round = 0; round < 30; round++) {
            call(argv.toArray(new String[0]));
            call("spop", "s", "20");
            List<String> left = array(call("smembers", "s"));
            assertEquals(1, left.size());
            String expected = left.get(0).equals("a") ? "hashtable" : "intset";
            assertEquals(expected, engine.engine().keyspace().get(new Key(bytes("s")), 0).encoding());
            if (expected.equals("intset")) intsets++;
            call("del", "s");
        }
        assertTrue(intsets > 0);
    }

    @Test
    void spopWithoutCountRemovesOneMemberAndTheEmptiedKey() {
        Set<String> before = fill("s", false);
        Set<String> popped = new HashSet<>();
        for (int i = 0; i < 100; i++) popped.add(bulk(call("spop", "s")));
        assertEquals(before, popped);
        assertEquals(":0\r\n", text(call("exists", "s")));
    }

    /** 50 of 100 copies the set and drops members; 10 of 100 draws until it has 10 distinct. */
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 50, 99, 100})
    void srandmemberPositiveCountGivesDistinctMembersAndChangesNothing(int count) {
        for (boolean integers : new boolean[] {false, true}) {
            Set<String> members = fill("s", integers);
            List<String> drawn = array(call("srandmember", "s", Integer.toString(count)));
            assertEquals(count, drawn.size());
            assertEquals(count, new HashSet<>(drawn).size(), "distinct");
            assertTrue(members.containsAll(drawn));
            assertEquals(":100\r\n", text(call("scard", "s")));
            call("del", "s");
        }
    }

    @Test
    void srandmemberNegativeCountRepeatsMembers() {
        call("sadd", "s", "a", "b", "1");
        List<String> drawn = array(call("srandmember", "s", "-300"));
        assertEquals(300, drawn.size());
        assertEquals(Set.of("a", "b", "1"), new HashSet<>(drawn), "300 draws see every member");
        assertEquals(":3\r\n", text(call("scard", "s")));
        assertTrue(text(call("srandmember", "s", "-" + (RandomRanks.MAX_REPEATS + 1))).startsWith("-ERR"));
    }

    @Test
    void srandmemberWithoutCountDrawsEveryMemberEventually() {
        Set<String> members = fill("s", false);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3000; i++) seen.add(bulk(call("srandmember", "s")));
        assertEquals(members, seen);
    }

    @Test
    void replicasApplyingTheSameEntriesPopTheSameMembers() {
        EngineRunner replica = new EngineRunner();
        for (EngineRunner r : new EngineRunner[] {engine, replica}) {
            List<String> argv = new ArrayList<>(List.of("sadd", "s"));
            for (int i = 0; i < 50; i++) argv.add("m" + i);
            r.call(RawRespClient.toBytes(argv.toArray(new String[0])));
        }
        for (String count : new String[] {"3", "45"}) {
            byte[][] spop = RawRespClient.toBytes("spop", "s", count);
            assertEquals(text(engine.call(spop)), text(replica.call(spop)));
        }
        assertEquals(engine.engine().digest(), replica.engine().digest());
        assertFalse(engine.engine().keyspace().get(new Key(bytes("s")), 0) == null);
    }

    private byte[] call(String... argv) {
        return engine.call(RawRespClient.toBytes(argv));
    }

    /** An array reply's bulk strings. */
    private static List<String> array(byte[] reply) {
        List<String> out = new ArrayList<>();
        for (byte[] raw : RawRespClient.arrayElements(reply)) out.add(bulk(raw));
        return out;
    }

    /** A RESP bulk string's contents. */
    private static String bulk(byte[] raw) {
        String s = text(raw);
        assertTrue(s.startsWith("$"), s);
        return s.substring(s.indexOf("\r\n") + 2, s.length() - 2);
    }

    private static String text(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
