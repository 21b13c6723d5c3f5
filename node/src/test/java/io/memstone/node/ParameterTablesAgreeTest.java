package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.gateway.ParameterTable;
import io.memstone.raft.ClusterParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CONFIG SET checks values with the gateway's {@link ParameterTable} (Redis' wording), then the
 * meta group checks them again with {@link ClusterParameters}: what the first lets through, the
 * second must take unchanged, or CONFIG SET would fail for a value Redis accepts.
 */
class ParameterTablesAgreeTest {

    @Test
    void everyConfigParameterIsReplicatedWithTheSameDefault() {
        Map<String, String> replicated = ClusterParameters.DEFAULT.values();
        ParameterTable.defaults().forEach((name, value) -> assertEquals(value, replicated.get(name), name));
    }

    /** Every value CONFIG SET takes, from values around every kind of range and check, is taken unchanged. */
    @Test
    void valuesConfigSetAcceptsAreAcceptedUnchanged() throws ParameterTable.InvalidValue {
        List<String> candidates = List.of("0", "1", "-1", "-2", "11", "100", "100mb", "3k", "1GB", "1048576", "2147483647",
                "-2147483648", "9223372036854775807", "18446744073709551615", "99999999999999999999999", "ALLKEYS-LRU",
                "volatile-ttl", "noeviction", "pubsub 1mb 0 0", "replica 1k 2k 3 normal 1 2 3", "", "YES", "no", "KEA",
                "Kx$", "nd", "Em", "50 99.9", "1e2 0.5", "-0 33.333333333");
        int accepted = 0;
        for (String name : ParameterTable.names()) {
            for (String value : candidates) {
                String canonical;
                try {
                    canonical = ParameterTable.canonical(name, value);
                } catch (ParameterTable.InvalidValue refused) {
                    continue;
                }
                accepted++;
                assertEquals(canonical, ClusterParameters.DEFAULT.with(Map.of(name, canonical)).get(name), name + " " + value);
            }
        }
        assertTrue(accepted > 3 * ParameterTable.names().size(), "most parameters take several candidates: " + accepted);
    }
}
