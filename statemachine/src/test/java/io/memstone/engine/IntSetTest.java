package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IntSetTest {
    @Test
    void widthGrowsToFitTheWidestMemberAndNeverShrinks() {
        IntSet s = new IntSet();
        s.add(5);
        assertEquals(2, s.width());
        s.add(-40_000);
        assertEquals(4, s.width());
        s.add(1L << 40);
        assertEquals(8, s.width());
        assertEquals(-40_000, s.get(0));
        assertEquals(5, s.get(1));
        assertEquals(1L << 40, s.get(2));
        s.remove(1L << 40);
        s.remove(-40_000);
        assertEquals(8, s.width());
        assertEquals(1, s.size());
        assertEquals(5, s.get(0));
    }

    @Test
    void upgradesPlaceTheWiderMemberAtTheRightEnd() {
        IntSet s = new IntSet();
        for (long v : new long[] {3, -3, 0}) s.add(v);
        s.add(Long.MIN_VALUE);
        s.add(Long.MAX_VALUE);
        long[] expected = {Long.MIN_VALUE, -3, 0, 3, Long.MAX_VALUE};
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], s.get(i));
    }

    @Test
    void membersTooWideForTheCurrentWidthAreNeverFound() {
        IntSet s = new IntSet();
        s.add(1);
        assertFalse(s.contains(65_537));
        assertFalse(s.remove(1L << 33));
        assertEquals(2, s.width());
    }

    @Test
    void matchesASortedSetModelThroughRandomAddsAndRemoves() {
        Random r = new Random(3);
        IntSet s = new IntSet();
        TreeSet<Long> model = new TreeSet<>();
        for (int step = 0; step < 20_000; step++) {
            long v = switch (r.nextInt(3)) {
                case 0 -> r.nextInt(200) - 100;
                case 1 -> r.nextInt(200_000) - 100_000;
                default -> r.nextLong() >> r.nextInt(64);
            };
            if (r.nextBoolean()) assertEquals(model.add(v), s.add(v), "add " + v);
            else assertEquals(model.remove(v), s.remove(v), "remove " + v);
            assertEquals(model.contains(v), s.contains(v));
        }
        assertEquals(model.size(), s.size());
        int i = 0;
        for (long v : model) assertEquals(v, s.get(i++));
        IntSet copy = s.copy();
        copy.add(Long.MAX_VALUE);
        copy.remove(s.get(0));
        assertEquals(model.size(), s.size(), "the copy shares nothing");
        assertEquals(model.first(), s.get(0));
    }
}
