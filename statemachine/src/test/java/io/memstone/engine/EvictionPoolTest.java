package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvictionPoolTest {
    private static Key key(String s) {
        return new Key(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bestScoreComesFirst() {
        EvictionPool pool = new EvictionPool();
        pool.offer(key("a"), 5);
        pool.offer(key("b"), 50);
        pool.offer(key("c"), 20);
        assertEquals(key("b"), pool.takeBest());
        assertEquals(key("c"), pool.takeBest());
        assertEquals(key("a"), pool.takeBest());
        assertNull(pool.takeBest());
    }

    @Test
    void aFullPoolDropsItsWorstForABetterCandidateAndIgnoresAWorseOne() {
        EvictionPool pool = new EvictionPool();
        for (int i = 1; i <= EvictionPool.SIZE; i++) pool.offer(key("k" + i), i * 10);
        pool.offer(key("worse"), 5);
        assertEquals(EvictionPool.SIZE, pool.size());
        pool.offer(key("better"), 15);
        assertEquals(EvictionPool.SIZE, pool.size());
        // Ascending now: better (15), k2 (20) .. k16 (160); k1 (10) and worse (5) are gone.
        assertEquals(key("k16"), pool.takeBest());
        for (int i = 15; i >= 2; i--) assertEquals(key("k" + i), pool.takeBest());
        assertEquals(key("better"), pool.takeBest());
        assertNull(pool.takeBest());
    }

    @Test
    void aKeyOfferedTwiceIsHeldOnce() {
        EvictionPool pool = new EvictionPool();
        pool.offer(key("a"), 5);
        pool.offer(key("a"), 9);
        assertEquals(1, pool.size());
    }
}
