package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DictTest {
    @Test
    void behavesLikeAMapUnderRandomPutsAndRemoves() {
        Dict<Integer, Integer> dict = new Dict<>();
        Map<Integer, Integer> model = new HashMap<>();
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            int k = r.nextInt(2000);
            if (r.nextInt(3) == 0) assertEquals(model.remove(k), dict.remove(k));
            else assertEquals(model.put(k, i), dict.put(k, i));
            assertEquals(model.size(), dict.size());
        }
        model.forEach((k, v) -> assertEquals(v, dict.get(k)));
        Map<Integer, Integer> seen = new HashMap<>();
        dict.forEach(seen::put);
        assertEquals(model, seen);
    }

    /** Redis' SCAN guarantee: what stays for the whole walk is returned, though the table resizes. */
    @Test
    void scanReturnsEveryStableKeyWhileTheTableGrowsAndShrinks() {
        Random r = new Random(3);
        for (int round = 0; round < 50; round++) {
            Dict<Integer, Integer> dict = new Dict<>();
            Set<Integer> stable = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                dict.put(i, i);
                stable.add(i);
            }
            Set<Integer> seen = new HashSet<>();
            long cursor = 0;
            int burst = 0;
            do {
                cursor = dict.scan(cursor, (k, v) -> seen.add(k));
                // Alternately add and remove a burst of keys, forcing resizes mid-walk.
                if (burst == 0) {
                    burst = 1 + r.nextInt(4000);
                    for (int i = 0; i < burst; i++) dict.put(1000 + i, 0);
                } else {
                    for (int i = 0; i < burst; i++) dict.remove(1000 + i);
                    burst = 0;
                }
            } while (cursor != 0);
            assertTrue(seen.containsAll(stable), "round " + round + " missed " + diff(stable, seen));
        }
    }

    /**
     * What a snapshot relies on: a walk by position, interleaved with bursts of changes that grow
     * and shrink the table, visits every entry present throughout exactly once, in the dict's order.
     */
    @Test
    void walkVisitsEveryStableEntryOnceInOrderWhileTheTableGrowsAndShrinks() {
        Random r = new Random(4);
        for (int round = 0; round < 20; round++) {
            Dict<Integer, Integer> dict = new Dict<>();
            for (int i = 0; i < 300; i++) dict.put(i, i);
            List<Integer> stable = order(dict);
            List<Integer> visited = new ArrayList<>();
            long position = 0;
            int burst = 0;
            while (position < Dict.END) {
                long from = position;
                position = dict.walk(position, 1 + r.nextInt(40), (k, v) -> {
                    assertTrue(Dict.position(k) >= from, "visited " + k + " behind the walk");
                    visited.add(k);
                });
                if (burst == 0) {
                    burst = 1 + r.nextInt(3000);
                    for (int i = 0; i < burst; i++) dict.put(1000 + i, 0);
                } else {
                    for (int i = 0; i < burst; i++) dict.remove(1000 + i);
                    burst = 0;
                }
            }
            visited.removeIf(k -> k >= 1000);
            assertEquals(stable, visited, "round " + round);
        }
    }

    @Test
    void randomKeyIsAPresentKeyAndNullWhenEmpty() {
        Dict<Integer, Integer> dict = new Dict<>();
        Random r = new Random(1);
        assertNull(dict.randomKey(r));
        for (int i = 0; i < 10; i++) dict.put(i, i);
        Set<Integer> drawn = new HashSet<>();
        for (int i = 0; i < 500; i++) drawn.add(dict.randomKey(r));
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), drawn);
    }

    /** What replicas rely on: a dict rebuilt from a snapshot iterates and draws like the original. */
    @Test
    void orderAndRandomDrawsDependOnTheContentsOnly() {
        Random r = new Random(11);
        Dict<Integer, Integer> grown = new Dict<>();
        for (int i = 0; i < 5000; i++) grown.put(r.nextInt(), i);
        List<Integer> keys = new ArrayList<>();
        grown.forEach((k, v) -> keys.add(k));
        for (int i = 0; i < 4900; i++) grown.remove(keys.get(i)); // shrinks, leaving 100
        List<Integer> left = keys.subList(4900, keys.size());

        Dict<Integer, Integer> rebuilt = new Dict<>();
        List<Integer> shuffled = new ArrayList<>(left);
        java.util.Collections.shuffle(shuffled, r);
        for (int k : shuffled) rebuilt.put(k, 0);

        assertEquals(order(grown), order(rebuilt));
        Random a = new Random(99);
        Random b = new Random(99);
        for (int i = 0; i < 1000; i++) assertEquals(grown.randomKey(a), rebuilt.randomKey(b));
    }

    private static List<Integer> order(Dict<Integer, Integer> dict) {
        List<Integer> out = new ArrayList<>();
        dict.forEach((k, v) -> out.add(k));
        return out;
    }

    private static Set<Integer> diff(Set<Integer> a, Set<Integer> b) {
        Set<Integer> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }
}
