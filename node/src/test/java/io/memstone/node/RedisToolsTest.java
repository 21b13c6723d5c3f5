package io.memstone.node;

import static io.memstone.node.RedisTools.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** redis-cli and redis-benchmark (Debian's redis-tools) against a real 3-node cluster. */
@Timeout(300)
class RedisToolsTest {
    @RegisterExtension
    static final SharedCluster shared = new SharedCluster();

    @Test
    void redisCliSetsAndGetsThroughDifferentGateways() throws Exception {
        assertEquals("OK", run("redis-cli", "-p", port(0), "SET", "cli:key", "hello world").trim());
        assertEquals("hello world", run("redis-cli", "-p", port(2), "GET", "cli:key").trim());
        assertEquals("11", run("redis-cli", "-p", port(1), "STRLEN", "cli:key").trim());
        assertTrue(run("redis-cli", "-p", port(1), "INFO", "raft").contains("raft_role:"));
    }

    @Test
    void redisBenchmarkRunsEveryTestWithoutErrors() throws Exception {
        String out = run("redis-benchmark", "-p", port(0), "-t", "set,get,incr,mset", "-n", "5000", "-c", "20", "--csv");
        assertFalse(out.contains("rror"), "redis-benchmark reported an error:\n" + out);
        Map<String, Double> rps = new TreeMap<>();
        for (String line : out.split("\n")) {
            String[] cols = line.replace("\"", "").split(",");
            if (cols.length > 1 && !cols[0].equals("test")) rps.put(cols[0].split(" ")[0], Double.parseDouble(cols[1]));
        }
        for (String test : List.of("SET", "GET", "INCR", "MSET")) {
            assertTrue(rps.getOrDefault(test, 0.0) > 0, test + " missing or zero in:\n" + out);
        }
        assertEquals("5000", run("redis-cli", "-p", port(1), "GET", "counter:__rand_int__").trim(),
                "INCR counter after 5000 INCRs");
    }

    @Test
    void redisCliClusterCheckAndInfoAcceptTheCluster() throws Exception {
        String check = run("redis-cli", "--cluster", "check", "127.0.0.1:" + port(1));
        assertTrue(check.contains("[OK] All nodes agree about slots configuration."), check);
        assertTrue(check.contains("[OK] All 16384 slots covered."), check);
        String info = run("redis-cli", "--cluster", "info", "127.0.0.1:" + port(2));
        assertEquals(3, info.lines().filter(l -> l.contains(" slots | ")).count(), "a line per master:\n" + info);
    }

    @Test
    void redisBenchmarkInClusterModeReadsTheConfigItWantsAndRunsWithoutErrors() throws Exception {
        String out = run("redis-benchmark", "--cluster", "-p", port(0), "-t", "set,get,lpush,mset", "-n", "1000",
                "-c", "10", "--csv");
        assertFalse(out.contains("Could not fetch"), "CONFIG GET save/appendonly answered:\n" + out);
        assertFalse(out.contains("rror"), "redis-benchmark reported an error:\n" + out);
        for (String test : List.of("\"SET\"", "\"GET\"", "\"LPUSH\"", "\"MSET")) {
            assertTrue(out.contains(test), test + " missing in:\n" + out);
        }
    }

    private static String port(int node) {
        return Integer.toString(shared.get().respPort(node));
    }
}
