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
 * SCAN over thousands of keys on the engine alone (cursors are not Redis' own, so no
 * differential): Redis' guarantee that a key present for the whole walk is returned at least
 * once, with keys added and removed between calls so the table grows and shrinks, and never
 * a key that did not exist during the walk, an expired one, or one failing MATCH or TYPE.
 */
class KeyScanPropertiesTest {
    private final EngineRunner engine = new EngineRunner();

    /**
     * 500 keys stay for the whole walk while thousands of others come (the table grows to
     * 16384 buckets) and go (it shrinks back to 2048) between calls.
     */
    @ParameterizedTest(name = "count {0}")
    @ValueSource(ints = {1, 10, 97, 1000})
    void everyKeyPresentForTheWholeScanIsReturnedWhileKeysComeAndGo(int count) {
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 500; i++) add(stable, "s" + i);
        Set<String> churn = new HashSet<>();
        for (int i = 0; i < 2500; i++) add(churn, "c" + i);
        Set<String> everLive = new HashSet<>(stable);
        everLive.addAll(churn);
        Set<String> seen = new HashSet<>();
        int nextKey = 2500;
        String cursor = "0";
        int calls = 0;
        do {
            ScanPage page = scan(cursor, "count", Integer.toString(count));
            seen.addAll(page.keys);
            cursor = page.cursor;
            if (calls < 30) {
                for (int i = 0; i < 300; i++) {
                    everLive.add("c" + nextKey);
                    add(churn, "c" + nextKey++);
                }
            } else {
                List<String> victims = churn.stream().limit(300).toList();
                for (String k : victims) remove(churn, k);
            }
            calls++;
        } while (!cursor.equals("0"));
        for (String k : stable) assertTrue(seen.contains(k), "stable key not returned: " + k);
        for (String k : seen) assertTrue(everLive.contains(k), "returned a key that never existed: " + k);
        assertTrue(calls > 1, "COUNT " + count + " over thousands of keys takes several calls");
    }

    @Test
    void aFullScanReturnsEachKeyExactlyOnceWhenNothingChanges() {
        Set<String> live = new HashSet<>();
        for (int i = 0; i < 5000; i++) add(live, "key:" + i);
        List<String> all = scanAll("count", "33");
        assertEquals(live.size(), all.size());
        assertEquals(live, new HashSet<>(all));
    }

    @Test
    void expiredKeysAreSkippedButStayUntilAWriteTouchesThem() {
        Set<String> live = new HashSet<>();
        for (int i = 0; i < 2000; i++) add(live, "k" + i);
        Keyspace ks = engine.engine().keyspace();
        for (int i = 0; i < 2000; i += 2) ks.setExpire(new Key(bytes("k" + i)), 1);
        List<String> all = scanAll("count", "50");
        assertEquals(1000, all.size());
        for (String k : all) assertEquals(1, Integer.parseInt(k.substring(1)) % 2, "expired key returned: " + k);
        assertEquals(2000, ks.size(), "SCAN runs on the read path and deletes nothing");
    }

    @Test
    void matchAndTypeFilterTheReturnedKeys() {
        for (int i = 0; i < 1500; i++) {
            engine.reply(RawRespClient.toBytes("set", "s" + i, "v"));
            engine.reply(RawRespClient.toBytes("rpush", "l" + i, "v"));
        }
        List<String> lists = scanAll("type", "LIST", "count", "20");
        assertEquals(1500, lists.size());
        for (String k : lists) assertTrue(k.startsWith("l"), k);
        List<String> matched = scanAll("match", "s1?", "count", "20");
        assertEquals(10, matched.size());
        assertEquals(0, scanAll("match", "l*", "type", "string").size());
        assertEquals(0, scanAll("type", "hash").size());
    }

    @Test
    void aSmallCountStillAdvancesThroughASparseTable() {
        Set<String> live = new HashSet<>();
        for (int i = 0; i < 4000; i++) add(live, "k" + i);
        // Deleting one by one leaves the table sparse only until Redis' 10% rule shrinks it;
        // the walk must still end and find the survivors.
        for (int i = 0; i < 3990; i++) remove(live, "k" + i);
        assertEquals(live, new HashSet<>(scanAll("count", "1")));
        assertFalse(scanAll("match", "nothing*").iterator().hasNext());
    }

    private record ScanPage(String cursor, List<String> keys) {}

    private ScanPage scan(String cursor, String... options) {
        List<String> argv = new ArrayList<>(List.of("scan", cursor));
        argv.addAll(List.of(options));
        Reply reply = engine.reply(RawRespClient.toBytes(argv.toArray(new String[0])));
        List<Reply> parts = ((Reply.Array) reply).items();
        List<String> keys = new ArrayList<>();
        for (Reply k : ((Reply.Array) parts.get(1)).items()) keys.add(text(k));
        return new ScanPage(text(parts.get(0)), keys);
    }

    private List<String> scanAll(String... options) {
        List<String> all = new ArrayList<>();
        String cursor = "0";
        int calls = 0;
        do {
            ScanPage page = scan(cursor, options);
            all.addAll(page.keys);
            cursor = page.cursor;
            assertTrue(++calls < 100_000, "the scan must end");
        } while (!cursor.equals("0"));
        return all;
    }

    private void add(Set<String> live, String key) {
        engine.reply(RawRespClient.toBytes("set", key, "v"));
        live.add(key);
    }

    private void remove(Set<String> live, String key) {
        engine.reply(RawRespClient.toBytes("del", key));
        live.remove(key);
    }

    private static String text(Reply r) {
        return new String(((Reply.Bulk) r).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
