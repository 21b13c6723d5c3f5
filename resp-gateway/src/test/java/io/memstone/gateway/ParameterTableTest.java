package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParameterTableTest {
    @ParameterizedTest(name = "maxmemory {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0|0", "100|100", "5k|5000", "5KB|5120", "1mb|1048576", "1M|1000000", "2g|2000000000", "1gb|1073741824",
            "''|0", "05|5", "7b|7",
            "99999999999999999999|18446744073709551615",
            "20000000000000000000kb|18446744073709550592"})
    void memoryValuesReadLikeRedisMemtoull(String value, String canonical) throws Exception {
        assertEquals(canonical, ParameterTable.canonical(ParameterTable.MAXMEMORY, value));
    }

    @ParameterizedTest(name = "maxmemory {0} is refused")
    @CsvSource({"-1", "' 5'", "+5", "5x", "1.5gb", "5 kb"})
    void memoryValuesRedisRefuses(String value) {
        ParameterTable.InvalidValue e = assertThrows(ParameterTable.InvalidValue.class,
                () -> ParameterTable.canonical(ParameterTable.MAXMEMORY, value));
        assertEquals("argument must be a memory value", e.getMessage());
    }

    @Test
    void integersAreStrictAndRangeChecked() throws Exception {
        assertEquals("-1", ParameterTable.canonical(ParameterTable.SLOWLOG_LOG_SLOWER_THAN, "-1"));
        assertEquals("argument couldn't be parsed into an integer", assertThrows(ParameterTable.InvalidValue.class,
                () -> ParameterTable.canonical(ParameterTable.TIMEOUT, "05")).getMessage());
        assertEquals("argument must be between 0 and 2147483647 inclusive", assertThrows(ParameterTable.InvalidValue.class,
                () -> ParameterTable.canonical(ParameterTable.TIMEOUT, "2147483648")).getMessage());
        assertEquals("argument must be between -1 and 9223372036854775807 inclusive", assertThrows(ParameterTable.InvalidValue.class,
                () -> ParameterTable.canonical(ParameterTable.SLOWLOG_LOG_SLOWER_THAN, "-2")).getMessage());
    }

    @Test
    void policiesAreCaseInsensitiveAndShownInLowerCase() throws Exception {
        assertEquals("allkeys-lru", ParameterTable.canonical(ParameterTable.MAXMEMORY_POLICY, "ALLKEYS-LRU"));
        assertEquals("argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, "
                + "volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction", assertThrows(
                ParameterTable.InvalidValue.class, () -> ParameterTable.canonical(ParameterTable.MAXMEMORY_POLICY, "lru")).getMessage());
    }

    @Test
    void namesAreLookedUpInAnyCase() {
        assertEquals("slowlog-max-len", ParameterTable.lookup("SlowLog-Max-Len"));
        assertEquals("save", ParameterTable.lookup("SAVE"));
        assertNull(ParameterTable.lookup("appendfsync"));
        assertEquals("128", ParameterTable.defaults().get("slowlog-max-len"));
    }

    @Test
    void aliasesNameTheirParameter() {
        assertEquals("hash-max-listpack-entries", ParameterTable.lookup("HASH-MAX-ZIPLIST-ENTRIES"));
        assertEquals("busy-reply-threshold", ParameterTable.lookup("lua-time-limit"));
        assertTrue(ParameterTable.allNames().contains("list-max-ziplist-size"), "CONFIG GET * lists aliases");
    }

    @Test
    void keyspaceEventsAreShownInRedisOrder() throws Exception {
        assertEquals("AKE", KeyspaceEventFlags.canonical("KEA"));
        assertEquals("AKEm", KeyspaceEventFlags.canonical("mEKndtexzhsl$g"), "A leaves n out, m stays");
        assertEquals("tdn", KeyspaceEventFlags.canonical("ntd"));
        assertEquals("", KeyspaceEventFlags.canonical(""));
        assertEquals("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.", assertThrows(ParameterTable.InvalidValue.class,
                () -> KeyspaceEventFlags.canonical("Kq")).getMessage());
    }

    @Test
    void percentilesAreShownAsCsPercentFWithoutTrailingZeros() throws Exception {
        assertEquals("100 0.5 -0 33.333333", LatencyPercentiles.canonical("1e2 0.50 -0 33.3333333333"));
        assertEquals("", LatencyPercentiles.canonical(""));
        assertEquals("Invalid latency-tracking-info-percentiles parameters", assertThrows(ParameterTable.InvalidValue.class,
                () -> LatencyPercentiles.canonical("50  99")).getMessage());
        assertEquals("latency-tracking-info-percentiles parameters should sit between [0.0,100.0]",
                assertThrows(ParameterTable.InvalidValue.class, () -> LatencyPercentiles.canonical("100.1")).getMessage());
    }

    @Test
    void hzIsKeptWithinWhatRedisRuns() throws Exception {
        assertEquals("1", ParameterTable.canonical("hz", "0"));
        assertEquals("500", ParameterTable.canonical("hz", "2147483647"));
        assertEquals("argument must be between 1048576 and 9223372036854775807 inclusive", assertThrows(ParameterTable.InvalidValue.class,
                () -> ParameterTable.canonical(ParameterTable.PROTO_MAX_BULK_LEN, "1k")).getMessage());
    }
}
