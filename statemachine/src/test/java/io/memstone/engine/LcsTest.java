package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LcsTest {
    @Test
    void subsequenceIsCommonAndAsLongAsTheLongest() {
        Random r = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            byte[] a = randomString(r), b = randomString(r);
            Lcs lcs = new Lcs(a, b);
            byte[] s = lcs.subsequence();
            assertEquals(s.length, lcs.length());
            assertEquals(longestBruteForce(a, b, 0, 0), lcs.length());
            assertTrue(isSubsequence(s, a) && isSubsequence(s, b));
        }
    }

    @Test
    void matchesAreEqualRunsFromTheEndThatSpellTheSubsequence() {
        Random r = new Random(12);
        for (int trial = 0; trial < 500; trial++) {
            byte[] a = randomString(r), b = randomString(r);
            Lcs lcs = new Lcs(a, b);
            List<Lcs.Match> matches = lcs.matches();
            byte[] spelled = new byte[0];
            int lastA = Integer.MAX_VALUE;
            for (Lcs.Match m : matches) {
                byte[] run = Arrays.copyOfRange(a, m.aStart(), m.aStart() + m.length());
                assertArrayEquals(run, Arrays.copyOfRange(b, m.bStart(), m.bStart() + m.length()));
                assertTrue(m.aStart() + m.length() <= lastA);
                lastA = m.aStart();
                byte[] joined = Arrays.copyOf(run, run.length + spelled.length);
                System.arraycopy(spelled, 0, joined, run.length, spelled.length);
                spelled = joined;
            }
            assertArrayEquals(lcs.subsequence(), spelled);
        }
    }

    @Test
    void redisDocumentationExample() {
        Lcs lcs = new Lcs("ohmytext".getBytes(), "mynewtext".getBytes());
        assertEquals("mytext", new String(lcs.subsequence()));
        assertEquals(List.of(new Lcs.Match(4, 5, 4), new Lcs.Match(2, 0, 2)), lcs.matches());
    }

    /** RESP3 clients get LCS IDX as a map, as from Redis. */
    @Test
    void idxRepliesWithAMap() {
        EngineRunner runner = new EngineRunner();
        runner.call(Differential.tokenize("mset a ohmytext b mynewtext"));
        Reply reply = runner.engine().read(Differential.tokenize("lcs a b idx"), System.currentTimeMillis());
        assertTrue(reply instanceof Reply.MapReply, reply.toString());
        assertEquals(4, ((Reply.MapReply) reply).keysAndValues().size());
    }

    private static byte[] randomString(Random r) {
        byte[] s = new byte[r.nextInt(9)];
        for (int i = 0; i < s.length; i++) s[i] = (byte) ('a' + r.nextInt(3));
        return s;
    }

    private static int longestBruteForce(byte[] a, byte[] b, int i, int j) {
        if (i == a.length || j == b.length) return 0;
        if (a[i] == b[j]) return 1 + longestBruteForce(a, b, i + 1, j + 1);
        return Math.max(longestBruteForce(a, b, i + 1, j), longestBruteForce(a, b, i, j + 1));
    }

    private static boolean isSubsequence(byte[] s, byte[] of) {
        int k = 0;
        for (int i = 0; i < of.length && k < s.length; i++) if (of[i] == s[k]) k++;
        return k == s.length;
    }
}
