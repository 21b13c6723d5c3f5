package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void valuesConfigSetAcceptsAreAcceptedUnchanged() throws ParameterTable.InvalidValue {
        Map<String, List<String>> samples = Map.of(
                ParameterTable.MAXMEMORY, List.of("0", "100mb", "3k", "1GB", "18446744073709551615", "99999999999999999999999"),
                ParameterTable.MAXMEMORY_POLICY, List.of("ALLKEYS-LRU", "volatile-ttl", "noeviction"),
                ParameterTable.MAXMEMORY_SAMPLES, List.of("1", "64"),
                ParameterTable.LFU_LOG_FACTOR, List.of("0", "2147483647"),
                ParameterTable.LFU_DECAY_TIME, List.of("0", "2147483647"),
                ParameterTable.TIMEOUT, List.of("0", "2147483647"),
                ParameterTable.SLOWLOG_LOG_SLOWER_THAN, List.of("-1", "0", "9223372036854775807"),
                ParameterTable.SLOWLOG_MAX_LEN, List.of("0", "9223372036854775807"),
                ParameterTable.LATENCY_MONITOR_THRESHOLD, List.of("0", "100"),
                ParameterTable.CLIENT_OUTPUT_BUFFER_LIMIT, List.of("pubsub 1mb 0 0", "replica 1k 2k 3 normal 1 2 3", ""));
        assertEquals(ParameterTable.names().size(), samples.size(), "a sample for every parameter");
        for (Map.Entry<String, List<String>> e : samples.entrySet()) {
            for (String value : e.getValue()) {
                String canonical = ParameterTable.canonical(e.getKey(), value);
                assertEquals(canonical, ClusterParameters.DEFAULT.with(Map.of(e.getKey(), canonical)).get(e.getKey()),
                        e.getKey() + " " + value);
            }
        }
    }
}
