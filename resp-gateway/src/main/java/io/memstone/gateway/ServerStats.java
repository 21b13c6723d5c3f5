package io.memstone.gateway;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.memstone.engine.Reply;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the gateway counts: per command, per error code, connections and traffic. INFO stats,
 * commandstats and errorstats show it since the last CONFIG RESETSTAT; the node exports the
 * registry's counters, which never go back.
 */
final class ServerStats {
    /** Like Redis, at most this many error codes are told apart (they come from replies: labels must stay few). */
    static final int MAX_ERROR_CODES = 128;

    private final MetricRegistry registry;
    private final Map<String, CommandStat> commands = new ConcurrentHashMap<>();
    private final Map<String, StatCounter> errorCodes = new ConcurrentHashMap<>();
    private final StatCounter errorReplies = new StatCounter(new Counter());
    private final OpsRate ops = new OpsRate();
    final StatCounter connectionsReceived;
    final StatCounter netInputBytes;
    final StatCounter netOutputBytes;
    final StatCounter readsProcessed = new StatCounter(new Counter());
    final StatCounter writesProcessed = new StatCounter(new Counter());

    ServerStats(MetricRegistry registry) {
        this.registry = registry;
        connectionsReceived = new StatCounter(registry.counter("memstone_connections_received_total"));
        netInputBytes = new StatCounter(registry.counter("memstone_net_input_bytes_total"));
        netOutputBytes = new StatCounter(registry.counter("memstone_net_output_bytes_total"));
    }

    /** A command ran and answered {@code reply} after {@code nanos}. */
    void executed(String command, long nanos, Reply reply) {
        command(command).executed(nanos, reply.isError());
        if (reply.isError()) errorReplied(reply);
    }

    /** A request was refused before running; {@code command} is null when it named no known command. */
    void rejected(String command, Reply error) {
        if (command != null) command(command).rejected();
        errorReplied(error);
    }

    /** Any error reply a client gets, counted under its code (the first word) as Redis' errorstats. */
    void errorReplied(Reply error) {
        errorReplies.inc();
        String code = errorCode(((Reply.Error) error).text());
        StatCounter c = errorCodes.get(code);
        if (c == null && errorCodes.size() < MAX_ERROR_CODES) {
            c = errorCodes.computeIfAbsent(code,
                    k -> new StatCounter(registry.counter(MetricName.of("memstone_error_replies_total", "code", k))));
        }
        if (c != null) c.inc();
    }

    /** Redis' rule: the word before the first space within 32 bytes, else ERR. */
    static String errorCode(String text) {
        int space = text.indexOf(' ');
        return space > 0 && space < 31 ? text.substring(0, space) : "ERR";
    }

    /** Commands called or refused since the last reset, by name. */
    SortedMap<String, CommandStat> commands() {
        SortedMap<String, CommandStat> seen = new TreeMap<>();
        commands.forEach((name, stat) -> {
            if (stat.seen()) seen.put(name, stat);
        });
        return seen;
    }

    /** Error replies since the last reset, by code. */
    SortedMap<String, Long> errorCodes() {
        SortedMap<String, Long> counts = new TreeMap<>();
        errorCodes.forEach((code, c) -> {
            if (c.sinceReset() > 0) counts.put(code, c.sinceReset());
        });
        return counts;
    }

    long errorReplies() {
        return errorReplies.sinceReset();
    }

    long commandsProcessed() {
        return commands.values().stream().mapToLong(CommandStat::calls).sum();
    }

    /** Called every {@link OpsRate#SAMPLE_EVERY_MS} ms. */
    void sampleOps(long nowMs) {
        ops.sample(commands.values().stream().mapToLong(CommandStat::totalCalls).sum(), nowMs);
    }

    long opsPerSecond() {
        return ops.perSecond();
    }

    /** CONFIG RESETSTAT. */
    void reset() {
        commands.values().forEach(CommandStat::reset);
        errorCodes.values().forEach(StatCounter::reset);
        errorReplies.reset();
        connectionsReceived.reset();
        netInputBytes.reset();
        netOutputBytes.reset();
        readsProcessed.reset();
        writesProcessed.reset();
    }

    private CommandStat command(String name) {
        CommandStat s = commands.get(name);
        return s != null ? s : commands.computeIfAbsent(name, n -> new CommandStat(registry, n));
    }
}
