package io.memstone.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterParametersTest {
    @Test
    void everyParameterHasADefault() {
        Map<String, String> v = ClusterParameters.DEFAULT.values();
        assertEquals(ClusterParameters.names(), v.keySet());
        assertEquals("0", v.get("maxmemory"));
        assertEquals("noeviction", v.get("maxmemory-policy"));
        assertEquals("128", v.get("slowlog-max-len"));
    }

    @Test
    void valuesAreNormalizedAsConfigGetShowsThem() {
        ClusterParameters p = ClusterParameters.DEFAULT.with(Map.of("MaxMemory", "2mb", "maxmemory-policy", "AllKeys-LRU",
                "slowlog-log-slower-than", "-1"));
        assertEquals("2097152", p.get("maxmemory"));
        assertEquals("allkeys-lru", p.get("maxmemory-policy"));
        assertEquals("-1", p.get("slowlog-log-slower-than"));
        assertEquals("3000", p.with(Map.of("maxmemory", "3k")).get("maxmemory"), "k is 1000, kb 1024, as in Redis");
        assertEquals("18446744073709551615", p.with(Map.of("maxmemory", "18446744073709551615")).get("maxmemory"),
                "up to 2^64-1 bytes, as CONFIG SET takes it");
    }

    @Test
    void aBadNameOrValueRefusesTheWholeChange() {
        assertEquals("unknown parameter 'colour'; known: " + ClusterParameters.names(), assertThrows(IllegalArgumentException.class,
                () -> ClusterParameters.DEFAULT.with(Map.of("colour", "blue"))).getMessage());
        assertEquals("parameter timeout is '-5': expected a number of seconds from 0 to 2147483647", assertThrows(IllegalArgumentException.class,
                () -> ClusterParameters.DEFAULT.with(Map.of("timeout", "-5"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusterParameters.DEFAULT.with(Map.of("maxmemory", "99999999999gb")));
        assertThrows(IllegalArgumentException.class, () -> ClusterParameters.DEFAULT.with(Map.of("snapshot-every-entries", "0")));
        assertThrows(IllegalArgumentException.class, () -> ClusterParameters.DEFAULT.with(Map.of("slowlog-log-slower-than", "-2")));
        assertThrows(IllegalArgumentException.class, () -> ClusterParameters.DEFAULT.with(Map.of("latency-monitor-threshold", "-1")));
        assertThrows(IllegalArgumentException.class, () -> ClusterParameters.DEFAULT.with(Map.of("maxmemory-policy", "sometimes")));
    }
}
