package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.memstone.command.Slots;
import io.memstone.proto.admin.DescribeClusterReply;
import io.memstone.proto.admin.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import redis.clients.jedis.Jedis;

/** {@code memstone admin ...} run in-process against a real 3-node cluster: its output and exit statuses. */
@Timeout(300)
class AdminCliTest {
    @RegisterExtension
    static final SharedCluster CLUSTER = new SharedCluster();

    private record Run(int exit, String out, String err) {
        Run expect(int status) {
            assertEquals(status, exit, "exit status; stdout:\n" + out + "\nstderr:\n" + err);
            return this;
        }
    }

    /** The command against node i's admin service with the cluster's token. */
    private static Run admin(int node, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--port", Integer.toString(adminPort(node)),
                "--token-file", CLUSTER.get().nodes.tokenFile().toString()));
        return run(argv.toArray(String[]::new));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> argv = new ArrayList<>(List.of("admin"));
        argv.addAll(List.of(args));
        int exit = cmd.execute(argv.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static int adminPort(int node) {
        return CLUSTER.get().nodes.configs().get(node).self().adminPort();
    }

    @Test
    void describePrintsTablesAndJson() throws Exception {
        Run table = admin(1, "describe").expect(0);
        assertTrue(table.out().contains("NODE  ZONE    HOST"), table.out());
        for (int i = 1; i <= 3; i++) {
            assertTrue(table.out().lines().anyMatch(l -> l.matches("n\\d\\s+zone-[abc]\\s+127\\.0\\.0\\.1\\s+.*\\s+up\\s+.*meta:.*")), table.out());
        }
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("shard-0  0-5460 ")), table.out());

        Run json = admin(2, "describe", "--json").expect(0);
        DescribeClusterReply.Builder parsed = DescribeClusterReply.newBuilder();
        JsonFormat.parser().merge(json.out(), parsed);
        assertEquals(3, parsed.getNodesCount());
        assertEquals(3, parsed.getShardsCount());
    }

    @Test
    void usersManagedThroughOneNodeAuthenticateThroughAnother() {
        admin(0, "user", "create", "cli-user", "on", ">s3cret", "~app:*", "+@read").expect(0);
        Run again = admin(1, "user", "create", "cli-user", "on").expect(1);
        assertTrue(again.err().contains("user cli-user exists"), again.err());
        admin(1, "user", "set", "cli-user", "+set").expect(0);
        TestCluster.await("node 3 to know the change", () -> admin(2, "user", "get", "cli-user").out().equals(
                "user cli-user on #" + io.memstone.acl.PasswordHash.of("s3cret".getBytes()) + " ~app:* resetchannels -@all +@read +set\n"));
        try (Jedis j = CLUSTER.get().jedis(2)) {
            TestCluster.await("the user to authenticate on node 3", () -> "OK".equals(j.auth("cli-user", "s3cret")));
            assertEquals("OK", j.set("app:1", "v"));
        }
        Run bad = admin(0, "user", "set", "cli-user", "+nosuch").expect(2);
        assertTrue(bad.err().contains("Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL"), bad.err());
        assertTrue(admin(1, "user", "list").expect(0).out().contains("user default on nopass ~* &* +@all"));
        admin(1, "user", "delete", "cli-user").expect(0);
        admin(0, "user", "delete", "cli-user").expect(2);
        admin(1, "user", "get", "cli-user").expect(1);
    }

    @Test
    void paramsSetOnOneNodeAreReadOnAnother() {
        Run set = admin(0, "params", "set", "slowlog-max-len=256", "maxmemory=1gb").expect(0);
        assertTrue(set.out().lines().anyMatch(l -> l.matches("maxmemory\\s+1073741824")), set.out());
        TestCluster.await("node 3 to have the new value",
                () -> admin(2, "params", "get", "slowlog-max-len").out().lines().anyMatch(l -> l.matches("slowlog-max-len\\s+256")));

        Run bad = admin(0, "params", "set", "maxmemory=lots").expect(2);
        assertEquals("memstone admin: parameter maxmemory is 'lots': expected a memory value (e.g. 100mb)\n", bad.err());
        admin(0, "params", "get", "colour").expect(2);
    }

    @Test
    void transferLeaderToAZoneAndBack() {
        Run moved = admin(0, "transfer-leader", "--shard", "shard-0", "--to-zone", "zone-b").expect(0);
        assertEquals("shard-0: leader n1 -> n2 (zone-b)\n", moved.out());
        TestCluster.await("n2 to lead shard-0", () -> CLUSTER.get().nodes.leaderIndex("shard-0") == 1);
        admin(2, "transfer-leader", "--shard", "shard-0", "--to-node", "n1").expect(0);
        TestCluster.await("n1 to lead shard-0 again", () -> CLUSTER.get().nodes.leaderIndex("shard-0") == 0);

        Run nowhere = admin(0, "transfer-leader", "--shard", "shard-0", "--to-zone", "zone-q").expect(2);
        assertTrue(nowhere.err().startsWith("memstone admin: shard-0 has no member in zone-q"), nowhere.err());
        admin(0, "transfer-leader", "--shard", "shard-0").expect(2);
    }

    @Test
    void snapshotShowsItsProgressAndSnapshotsListsTheFiles() throws Exception {
        try (Jedis j = CLUSTER.get().jedis(0)) {
            for (int shard = 0; shard < 3; shard++) j.set(keyIn(shard), "a value for a snapshot");
        }
        Run snapshot = admin(0, "snapshot").expect(0);
        assertTrue(snapshot.err().lines().anyMatch(l -> l.startsWith("[##############################] 9/9 ")), snapshot.err());
        assertTrue(snapshot.out().matches("shard-\\d on n\\d: snapshot at index \\d+\n"), snapshot.out());

        Run json = admin(1, "snapshot", "--shard", "shard-1", "--json").expect(0);
        List<String> lines = json.out().lines().toList();
        assertEquals(4, lines.size(), "the start and one line per member: " + json.out());
        Progress.Builder parsed = Progress.newBuilder();
        JsonFormat.parser().merge(lines.get(3), parsed);
        assertEquals(3, parsed.getDone());

        Run list = admin(2, "snapshots").expect(0);
        assertTrue(list.out().startsWith("NODE  GROUP    TERM  INDEX"), list.out());
        for (String shard : List.of("shard-0", "shard-1", "shard-2")) {
            assertTrue(list.out().lines().filter(l -> l.contains(" " + shard + " ")).count() >= 3, shard + " on every node:\n" + list.out());
        }
    }

    /** A key that the slot map puts in shard {@code shard} (of three equal ranges). */
    private static String keyIn(int shard) {
        for (int i = 0; ; i++) {
            String key = "cli:" + i;
            int slot = Slots.slot(key.getBytes(StandardCharsets.UTF_8));
            if (slot >= shard * Slots.COUNT / 3 && slot < (shard + 1) * Slots.COUNT / 3) return key;
        }
    }

    @Test
    void moveSlotsUnderAWriterShowsEachStepAndKeepsEveryKey() throws Exception {
        List<String> moving = keysInSlots(16000, 16383, 3000);
        try (Jedis j = CLUSTER.get().jedis(0)) {
            redis.clients.jedis.Pipeline p = j.pipelined();
            moving.forEach(k -> p.set(k, "moving " + k));
            p.sync();
        }
        Writers writers = new Writers(CLUSTER.get(), -1);
        writers.start();
        Run json;
        try {
            writers.awaitAcknowledged(500);
            json = admin(1, "move-slots", "--slots", "16000-16100,16101-16383", "--to", "shard-1", "--json").expect(0);
        } finally {
            writers.stop();
        }
        List<Progress> steps = new ArrayList<>();
        for (String line : json.out().lines().toList()) {
            Progress.Builder step = Progress.newBuilder();
            JsonFormat.parser().merge(line, step);
            steps.add(step.build());
        }
        List<String> phases = List.of("closing", "copying", "switched", "done");
        int phase = 0;
        for (Progress step : steps) {
            assertTrue(step.getStep().startsWith("shard-2 -> shard-1 (slots 16000-16383): "), step.getStep());
            int now = phases.indexOf(step.getStep().replaceFirst("^[^:]*: (\\w+).*", "$1"));
            assertTrue(now >= phase, "steps in order: " + steps);
            phase = now;
        }
        Progress last = steps.get(steps.size() - 1);
        assertTrue(last.getStep().contains(": done, shard-1 holds the ") && last.getDone() == last.getTotal()
                && last.getTotal() >= moving.size(), "ends done with every key: " + json.out());
        try (Jedis j = CLUSTER.get().jedis(2)) {
            for (String k : moving) assertEquals("moving " + k, j.get(k), k);
        }
        writers.assertAllReadable(2);

        Run back = admin(2, "move-slots", "--slots", "16000-16383", "--to", "shard-2").expect(0);
        assertTrue(back.err().lines().anyMatch(l -> l.matches("\\[#+\\] \\d+/\\d+ shard-1 -> shard-2 .*: done, .*")), back.err());
        assertTrue(back.out().startsWith("shard-1 -> shard-2 (slots 16000-16383): done, shard-2 holds the "), back.out());
    }

    /** {@code n} keys whose slots lie in first..last. */
    private static List<String> keysInSlots(int first, int last, int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; keys.size() < n; i++) {
            String key = "move:" + i;
            int slot = Slots.slot(key.getBytes(StandardCharsets.UTF_8));
            if (slot >= first && slot <= last) keys.add(key);
        }
        return keys;
    }

    @Test
    void reshardingRefusesBadSlotsAndUnknownShards() {
        for (String bad : List.of("300-200", "abc", "16384", "1-")) {
            Run r = admin(0, "move-slots", "--slots", bad, "--to", "shard-1").expect(2);
            assertTrue(r.err().contains("Invalid value for option '--slots'"), bad + ": " + r.err());
        }
        Run unknown = admin(0, "remove-shard", "shard-9").expect(2);
        assertEquals("memstone admin: no shard shard-9 in the cluster\n", unknown.err());
        Run unknownTarget = admin(0, "move-slots", "--slots", "1-2", "--to", "shard-9").expect(2);
        assertEquals("memstone admin: no shard shard-9 in the cluster\n", unknownTarget.err());
    }

    @Test
    void exitStatusesTellFailuresApart() {
        Run wrongToken = run("describe", "--port", Integer.toString(adminPort(0)), "--token", "guess").expect(3);
        assertTrue(wrongToken.err().contains("refused the call: wrong admin token"), wrongToken.err());

        int nobody = CLUSTER.get().basePort + 2004; // a fifth node's admin port: free, nothing listens
        Run unreachable = run("describe", "--port", Integer.toString(nobody), "--token", "x").expect(3);
        assertEquals("memstone admin: cannot reach the admin service at 127.0.0.1:" + nobody + " (Connection refused)\n",
                unreachable.err());

        Run failed = admin(0, "add-node", "--address", "127.0.0.1:" + nobody).expect(1);
        assertTrue(failed.err().contains("cannot reach the new node at 127.0.0.1:" + nobody), failed.err());
        admin(0, "remove-node", "n9").expect(2);
        admin(0, "restore", "--dir", "/nonexistent").expect(2);
        run("describe", "--port", Integer.toString(adminPort(0))).expect(2);
        run("frobnicate").expect(2);
    }
}
