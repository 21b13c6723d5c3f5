package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * INFO [section ...] with redis-server 7.0's sections, in its order, plus {@code # Raft}. Like
 * Redis, sections are separated by an empty line, lines end with CRLF, unknown sections are
 * empty, and the reply is a verbatim string. Keyspace counts come from every shard through
 * the internal {@code __keyspace} read, so INFO is ordered after the connection's writes.
 */
final class InfoCommand {
    /** Every section, in the order INFO prints them. */
    private static final List<String> SECTIONS = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "raft", "keyspace");
    /** Printed by "all" and "everything" or by name only, as in Redis. */
    private static final Set<String> NOT_DEFAULT = Set.of("commandstats", "latencystats");
    private static final byte[][] KEYSPACE = {"__keyspace".getBytes(StandardCharsets.US_ASCII)};

    private final ServerInfo server;
    private final ClientRegistry clients;
    private final CommandExecutor executor;
    private final ProcessInfo process;
    private final StatsInfo stats;
    private final ReplicationSections replication;
    private final BlockedClients blocked;
    private final long startMs = System.currentTimeMillis();
    private final String runId = randomRunId();

    InfoCommand(ServerInfo server, ClientRegistry clients, CommandExecutor executor, ProcessInfo process,
                StatsInfo stats, ReplicationSections replication, BlockedClients blocked) {
        this.blocked = blocked;
        this.server = server;
        this.clients = clients;
        this.executor = executor;
        this.process = process;
        this.stats = stats;
        this.replication = replication;
    }

    void register(CommandCatalog catalog) {
        catalog.register("info", Invocation.Kind.READ, this::info);
    }

    CompletableFuture<Reply> info(ClientSession session, byte[][] argv) {
        Set<String> wanted = new LinkedHashSet<>();
        for (int i = 1; i < argv.length; i++) {
            String s = Args.text(argv[i]).toLowerCase(Locale.ROOT);
            if (s.equals("all") || s.equals("everything")) wanted.addAll(SECTIONS);
            else if (s.equals("default")) addDefaults(wanted);
            else wanted.add(s);
        }
        if (argv.length == 1) addDefaults(wanted);
        CompletableFuture<long[]> keyspace = wanted.contains("keyspace")
                ? executor.executeOnAllShards(KEYSPACE, false).thenApply(InfoCommand::keyspaceTotals)
                : CompletableFuture.completedFuture(null);
        return keyspace.thenApply(totals -> render(wanted, totals));
    }

    private static void addDefaults(Set<String> wanted) {
        for (String s : SECTIONS) {
            if (!NOT_DEFAULT.contains(s)) wanted.add(s);
        }
    }

    private Reply render(Set<String> wanted, long[] keyspace) {
        InfoText out = new InfoText();
        for (String section : SECTIONS) {
            if (!wanted.contains(section)) continue;
            switch (section) {
                case "server" -> server(out);
                case "clients" -> clients(out);
                case "memory" -> process.memory(out);
                case "persistence" -> replication.persistence(out);
                case "stats" -> stats.stats(out);
                case "replication" -> replication.replication(out);
                case "cpu" -> process.cpu(out);
                case "modules" -> out.section("Modules");
                case "commandstats" -> stats.commandstats(out);
                case "errorstats" -> stats.errorstats(out);
                case "latencystats" -> stats.latencystats(out);
                case "cluster" -> out.section("Cluster").field("cluster_enabled", 1);
                case "raft" -> raft(out);
                default -> keyspace(out, keyspace);
            }
        }
        return ClientCommands.text(out.toString());
    }

    private void server(InfoText out) {
        long now = System.currentTimeMillis();
        long uptime = (now - startMs) / 1000;
        out.section("Server")
                .field("redis_version", ConnectionCommands.VERSION)
                .field("redis_git_sha1", "00000000").field("redis_git_dirty", 0).field("redis_build_id", 0)
                .field("redis_mode", "standalone")
                .field("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"))
                .field("arch_bits", System.getProperty("sun.arch.data.model", "64"))
                .field("monotonic_clock", "System.nanoTime").field("multiplexing_api", "netty")
                .field("atomicvar_api", "java").field("gcc_version", "0.0.0")
                .field("process_id", ProcessHandle.current().pid()).field("process_supervised", "no")
                .field("run_id", runId).field("tcp_port", server.port())
                .field("server_time_usec", now * 1000)
                .field("uptime_in_seconds", uptime).field("uptime_in_days", uptime / 86400)
                .field("hz", 10).field("configured_hz", 10)
                .field("lru_clock", (now / 1000) & ((1 << 24) - 1))
                .field("executable", ProcessHandle.current().info().command().orElse(""))
                .field("config_file", "").field("io_threads_active", 0)
                .field("memstone_node_id", server.nodeId()).field("memstone_zone", server.zone());
    }

    private void clients(InfoText out) {
        out.section("Clients")
                .field("connected_clients", clients.count())
                .field("cluster_connections", 0).field("maxclients", 10000)
                .zeros("client_recent_max_input_buffer", "client_recent_max_output_buffer")
                .field("blocked_clients", blocked.count())
                .zeros("tracking_clients", "clients_in_timeout_table");
    }

    private void raft(InfoText out) {
        out.section("Raft");
        for (Map.Entry<String, String> e : server.raftInfo().entrySet()) out.field(e.getKey(), e.getValue());
    }

    /** Like Redis, db0 is listed only when it holds keys. */
    private static void keyspace(InfoText out, long[] totals) {
        out.section("Keyspace");
        if (totals[0] > 0) out.field("db0", "keys=" + totals[0] + ",expires=" + totals[1] + ",avg_ttl=0");
    }

    /** Sums the shards' [keys, expires] replies; a shard that answered otherwise counts as empty. */
    static long[] keyspaceTotals(List<Reply> replies) {
        long[] totals = new long[2];
        for (Reply r : replies) {
            if (r instanceof Reply.Array a && a.items().size() == 2
                    && a.items().get(0) instanceof Reply.Int keys && a.items().get(1) instanceof Reply.Int expires) {
                totals[0] += keys.value();
                totals[1] += expires.value();
            }
        }
        return totals;
    }

    private static String randomRunId() {
        byte[] b = new byte[20];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
