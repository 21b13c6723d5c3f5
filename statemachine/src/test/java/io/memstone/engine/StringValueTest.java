package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringValueTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void arraysHandedOutOrTakenInNeverChange() {
        byte[] given = b("hello");
        StringValue v = new StringValue(given);
        v.writable(5).write(0, b("J"));
        assertArrayEquals(b("hello"), given);
        byte[] read = v.bytes();
        v.writable(7).write(5, b("!!"));
        assertArrayEquals(b("Jello"), read);
        assertArrayEquals(b("Jello!!"), v.bytes());
    }

    @Test
    void inPlaceWritesMatchAPlainModelThroughGrowthAndReads() {
        Random r = new Random(5);
        StringValue v = StringValue.zeros(1);
        byte[] model = new byte[1];
        for (int step = 0; step < 5_000; step++) {
            int offset = r.nextInt(model.length + 50);
            byte[] chunk = new byte[r.nextInt(4)];
            r.nextBytes(chunk);
            v.writable(offset + chunk.length).write(offset, chunk);
            if (offset + chunk.length > model.length) model = Arrays.copyOf(model, offset + chunk.length);
            System.arraycopy(chunk, 0, model, offset, chunk.length);
            if (r.nextInt(10) == 0) assertArrayEquals(model, v.bytes());
            assertEquals(model.length, v.length());
        }
        assertArrayEquals(model, v.bytes());
    }

    @Test
    void growthLeavesRoomSoAppendsAreAmortized() {
        StringValue v = new StringValue(b("x"));
        v.writable(1000);
        int capacity = v.peek().length;
        assertEquals(2000, capacity);
        v.writable(1999);
        assertEquals(capacity, v.peek().length);
    }

    /** SETBIT and SETRANGE are O(1) as in Redis: only the first write after a SET copies. */
    @Test
    void repeatedBitWritesReuseTheBuffer() {
        EngineRunner runner = new EngineRunner();
        runner.call(Differential.tokenize("set k " + "x".repeat(100_000)));
        runner.call(Differential.tokenize("setbit k 0 1"));
        StringValue v = (StringValue) runner.engine().keyspace().get(new Key(b("k")), System.currentTimeMillis());
        byte[] buffer = v.peek();
        for (int i = 1; i < 1000; i++) runner.call(Differential.tokenize("setbit k " + i * 7 + " 1"));
        runner.call(Differential.tokenize("setrange k 5 abc"));
        runner.call(Differential.tokenize("bitfield k set u8 8 65"));
        assertSame(buffer, v.peek());
    }

    @Test
    void encodingFollowsRedis() {
        assertEquals("int", new StringValue(b("-12")).encoding());
        assertEquals("embstr", new StringValue(b("012")).encoding());
        assertEquals("embstr", new StringValue(new byte[44]).encoding());
        assertEquals("raw", new StringValue(new byte[45]).encoding());
        assertEquals("embstr", StringValue.text(b("3")).encoding());
        StringValue modified = new StringValue(b("12"));
        modified.writable(2);
        modified.bytes();
        assertEquals("raw", modified.encoding());
        assertEquals("raw", modified.copy().encoding());
        assertEquals("raw", StringValue.zeros(1).encoding());
    }

    @Test
    void copyIsIndependentAndDigestSeesOnlyTheContents() throws Exception {
        StringValue v = new StringValue(b("abc"));
        v.writable(10);
        StringValue c = v.copy();
        assertNotSame(v.bytes(), c.bytes());
        c.writable(10).write(0, b("z"));
        assertEquals('a', v.bytes()[0]);
        assertArrayEquals(digest(new StringValue(v.bytes())), digest(v));
    }

    private static byte[] digest(StringValue v) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        v.digestInto(md);
        return md.digest();
    }
}
