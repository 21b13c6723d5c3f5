package io.memstone.gateway;

import com.codahale.metrics.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** INFO's stats, commandstats, errorstats and latencystats sections, from {@link ServerStats} and {@link Subscriptions}. */
final class StatsInfo {
    private final ServerStats stats;
    private final Subscriptions subscriptions;
    private final Parameters parameters;
    private final ServerInfo server;

    StatsInfo(ServerStats stats, Subscriptions subscriptions, Parameters parameters, ServerInfo server) {
        this.stats = stats;
        this.subscriptions = subscriptions;
        this.parameters = parameters;
        this.server = server;
    }

    void stats(InfoText out) {
        out.section("Stats")
                .field("total_connections_received", stats.connectionsReceived.sinceReset())
                .field("total_commands_processed", stats.commandsProcessed())
                .field("instantaneous_ops_per_sec", stats.opsPerSecond())
                .field("total_net_input_bytes", stats.netInputBytes.sinceReset())
                .field("total_net_output_bytes", stats.netOutputBytes.sinceReset())
                .zeros("total_net_repl_input_bytes", "total_net_repl_output_bytes")
                .field("instantaneous_input_kbps", "0.00").field("instantaneous_output_kbps", "0.00")
                .field("instantaneous_input_repl_kbps", "0.00").field("instantaneous_output_repl_kbps", "0.00")
                .zeros("rejected_connections", "sync_full", "sync_partial_ok", "sync_partial_err", "expired_keys")
                .field("expired_stale_perc", "0.00")
                .zeros("expired_time_cap_reached_count", "expire_cycle_cpu_milliseconds")
                // Counted by the shards (evictions go through their logs): CONFIG RESETSTAT leaves it.
                .field("evicted_keys", server.evictedKeys())
                .zeros("evicted_clients", "total_eviction_exceeded_time", "current_eviction_exceeded_time",
                        "keyspace_hits", "keyspace_misses")
                // This node's subscriptions, as a Redis Cluster node reports its own.
                .field("pubsub_channels", subscriptions.active(PubSubKind.CHANNEL))
                .field("pubsub_patterns", subscriptions.active(PubSubKind.PATTERN))
                .field("pubsubshard_channels", subscriptions.active(PubSubKind.SHARD))
                .zeros("latest_fork_usec", "total_forks", "migrate_cached_sockets",
                        "slave_expires_tracked_keys", "active_defrag_hits", "active_defrag_misses",
                        "active_defrag_key_hits", "active_defrag_key_misses", "total_active_defrag_time",
                        "current_active_defrag_time", "tracking_total_keys", "tracking_total_items",
                        "tracking_total_prefixes", "unexpected_error_replies")
                .field("total_error_replies", stats.errorReplies())
                .zeros("dump_payload_sanitizations")
                .field("total_reads_processed", stats.readsProcessed.sinceReset())
                .field("total_writes_processed", stats.writesProcessed.sinceReset())
                .zeros("io_threaded_reads_processed", "io_threaded_writes_processed", "reply_buffer_shrinks",
                        "reply_buffer_expands");
    }

    void commandstats(InfoText out) {
        out.section("Commandstats");
        for (Map.Entry<String, CommandStat> e : stats.commands().entrySet()) {
            CommandStat c = e.getValue();
            double perCall = c.calls() == 0 ? 0 : (double) c.micros() / c.calls();
            out.field("cmdstat_" + e.getKey(), "calls=" + c.calls() + ",usec=" + c.micros()
                    + ",usec_per_call=" + String.format(Locale.ROOT, "%.2f", perCall)
                    + ",rejected_calls=" + c.rejectedCalls() + ",failed_calls=" + c.failed());
        }
    }

    void errorstats(InfoText out) {
        out.section("Errorstats");
        stats.errorCodes().forEach((code, count) -> out.field("errorstat_" + code, "count=" + count));
    }

    /**
     * Percentiles (latency-tracking-info-percentiles) of recent latencies, in microseconds, of
     * the commands called since the last reset; none with latency-tracking off, as in Redis.
     */
    void latencystats(InfoText out) {
        out.section("Latencystats");
        if (parameters.get(ParameterTable.LATENCY_TRACKING).equals("no")) return;
        List<Double> percentiles;
        try {
            percentiles = LatencyPercentiles.parse(parameters.get(ParameterTable.LATENCY_TRACKING_INFO_PERCENTILES));
        } catch (ParameterTable.InvalidValue storedValuesAreValid) {
            throw new IllegalStateException(storedValuesAreValid);
        }
        for (Map.Entry<String, CommandStat> e : stats.commands().entrySet()) {
            if (e.getValue().calls() == 0) continue;
            Snapshot s = e.getValue().latencies();
            List<String> values = new ArrayList<>();
            for (double p : percentiles) values.add("p" + LatencyPercentiles.format(p) + "=" + micros(s.getValue(p / 100)));
            out.field("latency_percentiles_usec_" + e.getKey(), String.join(",", values));
        }
    }

    private static String micros(double nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1000);
    }
}
