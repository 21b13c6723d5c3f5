package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The HLL layout and algorithms on their own: opcodes, registers, promotion, estimates. */
class HyperLogLogTest {
    private static final String SPARSE_HEADER = "48594c4c01000000" + "0000000000000000";

    private static String hex(HyperLogLog hll) {
        return HexFormat.of().formatHex(hll.bytes());
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** Every register's value, through the same merge PFMERGE uses. */
    private static byte[] registers(HyperLogLog hll) {
        byte[] max = new byte[HyperLogLog.REGISTERS];
        assertTrue(HyperLogLog.mergeInto(max, hll.bytes()));
        return max;
    }

    @Test
    void aNewHllIsOneXzeroWithAValidCachedCountOfZero() {
        HyperLogLog hll = HyperLogLog.create();
        assertEquals(SPARSE_HEADER + "7fff", hex(hll));
        assertTrue(HyperLogLog.isValid(hll.bytes()));
        assertTrue(HyperLogLog.hasValidCache(hll.bytes()));
        assertEquals(0, HyperLogLog.cachedCount(hll.bytes()));
        assertEquals(0, HyperLogLog.estimate(HyperLogLog.histogram(hll.bytes())));
    }

    @Test
    void sparseOpcodesMatchRedisDocumentedExample() {
        // hyperloglog.c: registers 1000, 1020, 1021 set to 2, 3, 3 are
        // XZERO:1000 VAL:2,1 ZERO:19 VAL:3,2 XZERO:15362.
        HyperLogLog hll = HyperLogLog.create();
        assertEquals(1, hll.set(1000, 2));
        assertEquals(1, hll.set(1020, 3));
        assertEquals(1, hll.set(1021, 3));
        assertEquals(SPARSE_HEADER.substring(0, 30) + "80" + "43e7" + "84" + "12" + "89" + "7c01", hex(hll));
        assertEquals(0, hll.set(1021, 2), "a lower value changes nothing");
        assertEquals(0, hll.set(1020, 3));
    }

    @Test
    void splittingAValRunAndMergingNeighbours() {
        HyperLogLog hll = HyperLogLog.create();
        for (int i = 0; i < 4; i++) hll.set(i, 5);
        assertEquals("93" + "7ffb", hex(hll).substring(32), "four equal registers make one VAL:5,4");
        hll.set(1, 7);
        assertEquals("90" + "98" + "91" + "7ffb", hex(hll).substring(32), "VAL:5,1 VAL:7,1 VAL:5,2");
        hll.set(4, 5);
        assertEquals("90" + "98" + "92" + "7ffa", hex(hll).substring(32), "the new VAL:5 joins its left neighbour");
    }

    @Test
    void aValueAbove32TurnsTheHllDense() {
        HyperLogLog hll = HyperLogLog.create();
        hll.set(7, 3);
        assertEquals(1, hll.set(9, 40));
        assertTrue(hll.isDense());
        assertEquals(HyperLogLog.DENSE_SIZE, hll.bytes().length);
        byte[] regs = registers(hll);
        assertEquals(3, regs[7]);
        assertEquals(40, regs[9]);
        assertEquals(2, HyperLogLog.REGISTERS - count(regs, 0));
    }

    @Test
    void denseRegistersKeepTheirNeighboursIntact() {
        HyperLogLog hll = HyperLogLog.create();
        assertTrue(hll.toDense());
        Random r = new Random(7);
        byte[] expected = new byte[HyperLogLog.REGISTERS];
        for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
            expected[i] = (byte) (1 + r.nextInt(63));
            hll.set(i, expected[i]);
        }
        assertArrayEquals(expected, registers(hll));
        assertEquals(0, hll.set(HyperLogLog.REGISTERS - 1, expected[HyperLogLog.REGISTERS - 1]));
    }

    @Test
    void sparseGrowsUpTo3000BytesThenTurnsDense() {
        HyperLogLog sparse = HyperLogLog.create();
        HyperLogLog dense = HyperLogLog.create();
        dense.toDense();
        int i = 0;
        while (!sparse.isDense()) {
            byte[] e = ("element" + i++).getBytes(StandardCharsets.UTF_8);
            int before = sparse.bytes().length;
            assertEquals(dense.add(e), sparse.add(e), "both representations agree on every update");
            assertTrue(sparse.isDense() || sparse.bytes().length <= HyperLogLog.SPARSE_MAX_BYTES);
            if (sparse.isDense()) assertTrue(before > HyperLogLog.SPARSE_MAX_BYTES - 3);
        }
        assertArrayEquals(registers(dense), registers(sparse));
    }

    @Test
    void sparseAndDenseEstimateAlikeAndWithinTheStandardError() {
        HyperLogLog sparse = HyperLogLog.create();
        HyperLogLog dense = HyperLogLog.create();
        dense.toDense();
        for (int n = 1; n <= 50_000; n++) {
            byte[] e = ("x" + n).getBytes(StandardCharsets.UTF_8);
            sparse.add(e);
            dense.add(e);
            if (n % 997 == 0 || n == 10 || n == 100) {
                long s = HyperLogLog.estimate(HyperLogLog.histogram(sparse.bytes()));
                long d = HyperLogLog.estimate(HyperLogLog.histogram(dense.bytes()));
                assertEquals(d, s);
                assertTrue(Math.abs(d - n) <= Math.max(2, Math.ceil(n * 6 * 1.04 / 128)), n + " estimated as " + d);
            }
        }
    }

    @Test
    void histogramOfRegistersEstimatesLikeTheHllItCameFrom() {
        HyperLogLog hll = HyperLogLog.create();
        for (int n = 0; n < 5000; n++) hll.add(("y" + n).getBytes(StandardCharsets.UTF_8));
        assertEquals(HyperLogLog.estimate(HyperLogLog.histogram(hll.bytes())),
                HyperLogLog.estimate(HyperLogLog.histogramOfRegisters(registers(hll))));
    }

    @Test
    void registersAllAboveQGiveLlroundlsOverflowValue() {
        byte[] regs = new byte[HyperLogLog.REGISTERS];
        Arrays.fill(regs, (byte) 63);
        assertEquals(Long.MIN_VALUE, HyperLogLog.estimate(HyperLogLog.histogramOfRegisters(regs)));
    }

    @Test
    void cachedCountRoundTripsAndInvalidationKeepsTheLowBits() {
        byte[] cached = HyperLogLog.withCachedCount(HyperLogLog.create().bytes(), 0x0102030405L);
        assertTrue(HyperLogLog.hasValidCache(cached));
        assertEquals(0x0102030405L, HyperLogLog.cachedCount(cached));
        HyperLogLog hll = HyperLogLog.edit(cached);
        hll.invalidateCache();
        byte[] stale = hll.bytes();
        assertFalse(HyperLogLog.hasValidCache(stale));
        assertEquals(0x0102030405L | 1L << 63, HyperLogLog.cachedCount(stale));
    }

    @Test
    void headerValidation() {
        assertFalse(HyperLogLog.isValid(bytes("48594c4c")));
        assertFalse(HyperLogLog.isValid(bytes("48594c4d010000000000000000000000")));
        assertFalse(HyperLogLog.isValid(bytes("48594c4c020000000000000000000000")));
        assertFalse(HyperLogLog.isValid(bytes("48594c4c000000000000000000000000")), "dense must be 12304 bytes");
        assertTrue(HyperLogLog.isValid(bytes("48594c4c010000000000000000000000")), "sparse bodies are checked later");
    }

    @Test
    void aSparseBodyNotCoveringEveryRegisterIsCorrupted() {
        byte[] short100 = bytes(SPARSE_HEADER + "4063");
        assertNull(HyperLogLog.histogram(short100));
        assertFalse(HyperLogLog.mergeInto(new byte[HyperLogLog.REGISTERS], short100));
        HyperLogLog hll = HyperLogLog.edit(short100);
        assertEquals(1, hll.set(50, 2), "registers inside the covered part can still be set");
        assertEquals(-1, hll.set(500, 2));
        assertFalse(hll.toDense());
        assertEquals(-1, hll.set(60, 40), "promotion fails too");
        assertFalse(hll.isDense());

        byte[] overrun = bytes(SPARSE_HEADER + "7ffe" + "8c8c");
        assertNull(HyperLogLog.histogram(overrun), "a VAL past the last register");
        assertFalse(HyperLogLog.mergeInto(new byte[HyperLogLog.REGISTERS], overrun));
    }

    @Test
    void elementsLandInTheRegistersRedisPutsThemIn() {
        // Bodies written by redis-server 7.0 after PFADD of the one element into a new key:
        // "hello" sets register 9216 to 1, "a" 12711 to 2, a 17-byte element (two words and a tail) 13940 to 1.
        assertEquals("63ff" + "80" + "5bfe", bodyAfterAdding("hello"));
        assertEquals("71a6" + "84" + "4e57", bodyAfterAdding("a"));
        assertEquals("7673" + "80" + "498a", bodyAfterAdding("0123456789abcdef!"));
    }

    private static String bodyAfterAdding(String element) {
        HyperLogLog hll = HyperLogLog.create();
        assertEquals(1, hll.add(element.getBytes(StandardCharsets.UTF_8)));
        return hex(hll).substring(32);
    }

    private static int count(byte[] values, int value) {
        int n = 0;
        for (byte v : values) if (v == value) n++;
        return n;
    }
}
