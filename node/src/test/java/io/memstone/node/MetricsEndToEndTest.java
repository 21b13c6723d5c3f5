package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.raft.LogPayloadMode;
import io.memstone.raft.LogRetention;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * /metrics and the Redis-side introspection commands on a real 3-node cluster: counters move by
 * exactly the commands sent through a gateway, Raft figures are coherent across the nodes, and
 * ROLE / INFO / LASTSAVE / SLOWLOG / MONITOR describe the cluster as Redis tools expect. The
 * cluster snapshots every 50 entries, so LASTSAVE and the snapshot age have something to show.
 */
@Timeout(300)
class MetricsEndToEndTest {
    private static TestCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(LogPayloadMode.ROCKSDB, new LogRetention(50, 2, 64L << 20));
    }

    @AfterAll
    static void stop() throws IOException {
        if (cluster != null) cluster.close();
    }

    @Test
    void callCountersMoveByExactlyTheCommandsSentThroughOneGateway() throws Exception {
        int leader = cluster.nodes.leaderIndex();
        int gateway = (leader + 1) % 3;
        int other = (leader + 2) % 3;
        Map<String, Double> before = scrape(gateway);
        Map<String, Double> otherBefore = scrape(other);
        Map<String, Double> leaderBefore = scrape(leader);

        try (Jedis j = cluster.jedis(gateway)) {
            Pipeline p = j.pipelined();
            List<Response<String>> sets = new ArrayList<>();
            List<Response<String>> gets = new ArrayList<>();
            for (int i = 0; i < 1000; i++) sets.add(p.set("counted:" + i, "v" + i));
            for (int i = 0; i < 500; i++) gets.add(p.get("counted:" + i));
            p.sync();
            for (Response<String> r : sets) assertEquals("OK", r.get());
            for (int i = 0; i < 500; i++) assertEquals("v" + i, gets.get(i).get());
        }

        Map<String, Double> after = scrape(gateway);
        assertEquals(1000, delta(before, after, "memstone_command_calls_total{command=\"set\"}"));
        assertEquals(500, delta(before, after, "memstone_command_calls_total{command=\"get\"}"));
        assertEquals(1000, delta(before, after, "memstone_command_duration_seconds_count{command=\"set\"}"));
        assertEquals(0, delta(before, after, "memstone_command_failed_calls_total{command=\"set\"}"));
        for (String q : List.of("0.5", "0.99", "0.999")) {
            Double v = after.get("memstone_command_duration_seconds{command=\"set\",quantile=\"" + q + "\"}");
            assertTrue(v != null && v > 0, "SET latency quantile " + q + " is " + v);
        }
        assertTrue(delta(before, after, "memstone_command_duration_seconds_sum{command=\"set\"}") > 0, "SET latency sum grew");
        assertTrue(delta(before, after, "memstone_proposer_batch_size_count{kind=\"write\",shard=\"shard-0\"}") >= 1,
                "the gateway's proposer sent write batches");
        assertTrue(writeSeriesDelta(before, after, "memstone_proposer_queue_wait_seconds_count") >= 1000,
                "every SET waited in its shard's proposer queue once");
        assertTrue(delta(before, after, "memstone_proposer_round_trip_seconds_count{kind=\"write\",shard=\"shard-0\"}") >= 1,
                "every batch's round trip is timed");
        assertEquals(0, delta(otherBefore, scrape(other), "memstone_command_calls_total{command=\"set\"}"),
                "a gateway counts only the commands it served");
        Map<String, Double> leaderAfter = scrape(leader);
        assertTrue(delta(leaderBefore, leaderAfter, "memstone_raft_applied_index{shard=\"shard-0\"}") >= 1,
                "the leader applied the batches");
        assertTrue(leaderAfter.get("memstone_raft_commit_index{shard=\"shard-0\"}")
                >= leaderAfter.get("memstone_raft_applied_index{shard=\"shard-0\"}"), "nothing is applied before it is committed");
        // The node follows the other shards: its replicas of those apply what was acknowledged a little later.
        TestCluster.await("1000 keys in the node's replicas", () -> scrape(leader).entrySet().stream()
                .filter(e -> e.getKey().startsWith("memstone_keys{")).mapToDouble(Map.Entry::getValue).sum() >= 1000);
    }

    @Test
    void everyMetricTheDashboardAndTheAlertRulesNameIsExported() throws Exception {
        try (Jedis j = cluster.jedis(0)) {
            j.set("dashboard", "v");
            assertThrows(redis.clients.jedis.exceptions.JedisDataException.class, () -> j.incr("dashboard"));
        }
        java.util.Set<String> exported = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            for (String series : scrape(i).keySet()) exported.add(series.contains("{") ? series.substring(0, series.indexOf('{')) : series);
        }
        java.util.regex.Pattern metric = java.util.regex.Pattern.compile("memstone_[a-z0-9_]+");
        for (String file : List.of("../deploy/grafana/memstone-dashboard.json", "../deploy/prometheus/memstone-alerts.yml")) {
            java.util.regex.Matcher m = metric.matcher(java.nio.file.Files.readString(java.nio.file.Path.of(file)));
            int named = 0;
            while (m.find()) {
                named++;
                assertTrue(exported.contains(m.group()), file + " names " + m.group() + ", which no node exports");
            }
            assertTrue(named >= 5, file + " names the metrics it shows");
        }
    }

    /** How much a per-shard write series moved, summed over the shards. */
    private static double writeSeriesDelta(Map<String, Double> before, Map<String, Double> after, String family) {
        return after.keySet().stream().filter(k -> k.startsWith(family + "{") && k.contains("kind=\"write\""))
                .mapToDouble(k -> delta(before, after, k)).sum();
    }

    @Test
    void redisBenchmarkMovesTheSetCounterAndInfoCommandstatsByExactlyN() throws Exception {
        int node = cluster.nodes.leaderIndex();
        Map<String, Double> before = scrape(node);
        long infoBefore = cmdstatCalls(node, "set");
        RedisTools.run("redis-benchmark", "-p", Integer.toString(cluster.respPort(node)), "-t", "set", "-n", "3000", "-c", "20", "-q");
        assertEquals(3000, delta(before, scrape(node), "memstone_command_calls_total{command=\"set\"}"));
        assertEquals(3000, cmdstatCalls(node, "set") - infoBefore, "INFO commandstats agrees");
    }

    @Test
    void exactlyOneNodeLeadsAndOnlyItReportsFollowerLag() throws Exception {
        int leader = cluster.nodes.leaderIndex();
        List<Map<String, Double>> all = List.of(scrape(0), scrape(1), scrape(2));
        assertEquals(1.0, all.stream().mapToDouble(m -> m.get("memstone_raft_role{role=\"leader\",shard=\"shard-0\"}")).sum());
        assertEquals(1.0, all.get(leader).get("memstone_raft_role{role=\"leader\",shard=\"shard-0\"}"));
        for (int i = 0; i < 3; i++) {
            long lagSeries = all.get(i).keySet().stream()
                    .filter(k -> k.startsWith("memstone_raft_follower_lag_entries{") && k.contains("shard=\"shard-0\"")).count();
            assertEquals(i == leader ? 2 : 0, lagSeries, "shard-0's follower lag series on node " + i);
            assertTrue(all.get(i).containsKey("memstone_raft_term{shard=\"shard-0\"}"), "term on node " + i);
            assertTrue(all.get(i).containsKey("memstone_jvm_heap_used_bytes"), "heap on node " + i);
            assertTrue(all.get(i).containsKey("memstone_log_store_estimated_keys{shard=\"shard-0\"}"), "RocksDB on node " + i);
            for (String stage : List.of("log_flush", "log_sync", "log_queue")) {
                assertTrue(all.get(i).containsKey("memstone_ratis_" + stage + "_seconds_count{shard=\"shard-0\"}"),
                        "Ratis' " + stage + " on node " + i);
            }
        }
        for (int follower : List.of((leader + 1) % 3, (leader + 2) % 3)) {
            String id = cluster.nodes.configs().get(follower).nodeId();
            assertTrue(all.get(leader).containsKey("memstone_raft_follower_lag_entries{follower=\"" + id + "\",shard=\"shard-0\"}"),
                    "lag of " + id);
        }
    }

    @Test
    void roleAndInfoReplicationDescribeTheRaftGroupAsRedisReplication() throws Exception {
        int leader = cluster.nodes.leaderIndex();
        int follower = (leader + 1) % 3;
        List<String> master = lines(cli(leader, "ROLE"));
        assertEquals("master", master.get(0));
        List<String> replicaPorts = List.of(master.get(3), master.get(6));
        for (int i : List.of((leader + 1) % 3, (leader + 2) % 3)) {
            assertTrue(replicaPorts.contains(Integer.toString(cluster.respPort(i))), "replica ports " + master);
        }
        assertEquals(List.of("slave", "127.0.0.1", Integer.toString(cluster.respPort(leader)), "connected"),
                lines(cli(follower, "ROLE")).subList(0, 4));
        String info = cli(follower, "INFO", "replication");
        assertTrue(info.contains("role:slave") && info.contains("master_port:" + cluster.respPort(leader))
                && info.contains("master_link_status:up"), info);
        assertTrue(cli(leader, "INFO", "replication").contains("connected_slaves:2"));

        try (Jedis j = cluster.jedis(follower)) {
            j.set("keyspace:probe", "x");
            long dbsize = j.dbSize();
            assertTrue(j.info("keyspace").contains("db0:keys=" + dbsize + ","), "INFO keyspace counts " + dbsize + " keys");
            assertTrue(j.info().contains("cluster_enabled:1"), "INFO has a Cluster section");
        }
    }

    @Test
    void lastsaveAndSnapshotAgeAppearOnceAShardIsSnapshotted() throws Exception {
        int node = cluster.nodes.leaderIndex();
        try (Jedis j = cluster.jedis(node)) {
            TestCluster.await("a snapshot on the leader", () -> {
                for (int i = 0; i < 20; i++) j.set("snap:" + i, "v");
                return j.lastsave() > 0;
            });
            long lastsave = j.lastsave();
            assertTrue(Math.abs(lastsave - System.currentTimeMillis() / 1000) < 600, "LASTSAVE is a recent time: " + lastsave);
            assertTrue(j.info("persistence").contains("rdb_last_save_time:" + lastsave));
        }
        Map<String, Double> m = scrape(node);
        assertTrue(m.get("memstone_raft_snapshot_index{shard=\"shard-0\"}") > 0);
        assertFalse(m.get("memstone_raft_snapshot_age_seconds{shard=\"shard-0\"}").isNaN(), "snapshot age");
    }

    @Test
    void slowlogConfigAndMonitorWorkThroughRedisCli() throws Exception {
        int node = (cluster.nodes.leaderIndex() + 2) % 3;
        assertEquals("OK", cli(node, "CONFIG", "SET", "slowlog-log-slower-than", "0").trim());
        try {
            assertEquals(List.of("slowlog-log-slower-than", "0"), lines(cli(node, "CONFIG", "GET", "slowlog-*-than")));
            cli(node, "SET", "slow:k", "v");
            try (Jedis j = cluster.jedis(node)) {
                assertEquals(List.of("SET", "slow:k", "v"), j.slowlogGet(5).stream().map(e -> e.getArgs())
                        .filter(a -> a.get(0).equals("SET")).findFirst().orElseThrow());
            }
        } finally {
            cli(node, "CONFIG", "SET", "slowlog-log-slower-than", "10000");
        }

        Process monitor = new ProcessBuilder("redis-cli", "-p", Integer.toString(cluster.respPort(node)), "MONITOR")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8));
             Jedis j = cluster.jedis(node)) {
            assertEquals("OK", out.readLine());
            assertTrue(j.clientList().contains(" flags=O "), "CLIENT LIST shows the monitor");
            j.set("watched:k", "a b");
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.contains("\"watched:k\""));
            assertTrue(line != null && line.matches("\\d+\\.\\d{6} \\[0 127\\.0\\.0\\.1:\\d+] \"SET\" \"watched:k\" \"a b\""),
                    "MONITOR line: " + line);
        } finally {
            monitor.destroy();
            monitor.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Double> scrape(int node) throws Exception {
        return cluster.metrics(node);
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        assertTrue(after.containsKey(series), "no series " + series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    private static long cmdstatCalls(int node, String command) {
        try (Jedis j = cluster.jedis(node)) {
            Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+),").matcher(j.info("commandstats"));
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
    }

    private static String cli(int node, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(cluster.respPort(node))));
        cmd.addAll(List.of(args));
        return RedisTools.run(cmd.toArray(String[]::new));
    }

    private static List<String> lines(String out) {
        return out.lines().map(String::trim).toList();
    }

}
