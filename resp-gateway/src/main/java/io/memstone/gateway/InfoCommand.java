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
 * INFO [section ...]: Redis' server, clients, memory and keyspace sections plus {@code # Raft}.
 * Like Redis, sections are separated by an empty line, lines end with CRLF, unknown sections
 * are empty, and the reply is a verbatim string. Keyspace counts come from every shard
 * through the internal {@code __keyspace} read, so INFO is ordered after the connection's writes.
 */
final class InfoCommand {
    /** The sections INFO prints with no argument, "default", "all" or "everything", in order. */
    private static final List<String> SECTIONS = List.of("server", "clients", "memory", "raft", "keyspace");
    private static final byte[][] KEYSPACE = {"__keyspace".getBytes(StandardCharsets.US_ASCII)};

    private final ServerInfo server;
    private final ClientRegistry clients;
    private final CommandExecutor executor;
    private final long startMs = System.currentTimeMillis();
    private final String runId = randomRunId();
    private long peakMemory;

    InfoCommand(ServerInfo server, ClientRegistry clients, CommandExecutor executor) {
        this.server = server;
        this.clients = clients;
        this.executor = executor;
    }

    void register(CommandCatalog catalog) {
        catalog.register("info", Invocation.Kind.READ, this::info);
    }

    CompletableFuture<Reply> info(ClientSession session, byte[][] argv) {
        Set<String> wanted = new LinkedHashSet<>();
        for (int i = 1; i < argv.length; i++) {
            String s = Args.text(argv[i]).toLowerCase(Locale.ROOT);
            if (s.equals("default") || s.equals("all") || s.equals("everything")) wanted.addAll(SECTIONS);
            else wanted.add(s);
        }
        if (argv.length == 1) wanted.addAll(SECTIONS);
        CompletableFuture<long[]> keyspace = wanted.contains("keyspace")
                ? executor.executeOnAllShards(KEYSPACE, false).thenApply(InfoCommand::keyspaceTotals)
                : CompletableFuture.completedFuture(null);
        return keyspace.thenApply(totals -> render(wanted, totals));
    }

    private Reply render(Set<String> wanted, long[] keyspace) {
        StringBuilder out = new StringBuilder();
        for (String section : SECTIONS) {
            if (!wanted.contains(section)) continue;
            if (out.length() > 0) out.append("\r\n");
            switch (section) {
                case "server": server(out); break;
                case "clients": clients(out); break;
                case "memory": memory(out); break;
                case "raft": raft(out); break;
                default: keyspace(out, keyspace); break;
            }
        }
        return ClientCommands.text(out.toString());
    }

    private void server(StringBuilder out) {
        long now = System.currentTimeMillis();
        long uptime = (now - startMs) / 1000;
        header(out, "Server");
        field(out, "redis_version", ConnectionCommands.VERSION);
        field(out, "redis_git_sha1", "00000000");
        field(out, "redis_git_dirty", "0");
        field(out, "redis_build_id", "0");
        field(out, "redis_mode", "standalone");
        field(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        field(out, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
        field(out, "multiplexing_api", "netty");
        field(out, "process_id", Long.toString(ProcessHandle.current().pid()));
        field(out, "process_supervised", "no");
        field(out, "run_id", runId);
        field(out, "tcp_port", Integer.toString(server.port()));
        field(out, "server_time_usec", Long.toString(now * 1000));
        field(out, "uptime_in_seconds", Long.toString(uptime));
        field(out, "uptime_in_days", Long.toString(uptime / 86400));
        field(out, "hz", "10");
        field(out, "configured_hz", "10");
        field(out, "executable", ProcessHandle.current().info().command().orElse(""));
        field(out, "config_file", "");
        field(out, "io_threads_active", "0");
        field(out, "memstone_node_id", server.nodeId());
        field(out, "memstone_zone", server.zone());
    }

    private void clients(StringBuilder out) {
        header(out, "Clients");
        field(out, "connected_clients", Integer.toString(clients.count()));
        field(out, "cluster_connections", "0");
        field(out, "maxclients", "10000");
        field(out, "client_recent_max_input_buffer", "0");
        field(out, "client_recent_max_output_buffer", "0");
        field(out, "blocked_clients", "0");
        field(out, "tracking_clients", "0");
        field(out, "clients_in_timeout_table", "0");
    }

    /** The JVM heap in use stands for Redis' allocator figure. */
    private void memory(StringBuilder out) {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        peakMemory = Math.max(peakMemory, used);
        header(out, "Memory");
        field(out, "used_memory", Long.toString(used));
        field(out, "used_memory_human", bytesToHuman(used));
        field(out, "used_memory_peak", Long.toString(peakMemory));
        field(out, "used_memory_peak_human", bytesToHuman(peakMemory));
        field(out, "maxmemory", "0");
        field(out, "maxmemory_human", "0B");
        field(out, "maxmemory_policy", "noeviction");
        field(out, "mem_allocator", "jvm");
    }

    private void raft(StringBuilder out) {
        header(out, "Raft");
        for (Map.Entry<String, String> e : server.raftInfo().entrySet()) field(out, e.getKey(), e.getValue());
    }

    /** Like Redis, db0 is listed only when it holds keys. */
    private static void keyspace(StringBuilder out, long[] totals) {
        header(out, "Keyspace");
        if (totals[0] > 0) out.append("db0:keys=").append(totals[0]).append(",expires=").append(totals[1]).append(",avg_ttl=0\r\n");
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

    /** Redis' bytesToHuman: B, then K/M/G/T with two decimals. */
    static String bytesToHuman(long n) {
        if (n < 1024) return n + "B";
        String[] units = {"K", "M", "G", "T", "P"};
        double d = n / 1024.0;
        int u = 0;
        while (d >= 1024 && u < units.length - 1) {
            d /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", d, units[u]);
    }

    private static void header(StringBuilder out, String name) {
        out.append("# ").append(name).append("\r\n");
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(':').append(value).append("\r\n");
    }

    private static String randomRunId() {
        byte[] b = new byte[20];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
