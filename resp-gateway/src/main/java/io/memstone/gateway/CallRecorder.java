package io.memstone.gateway;

import io.memstone.command.CommandSpec;
import io.memstone.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * What follows a command that ran, as in Redis' call(): its statistics, the slow log, the
 * latency monitor and the line MONITOR clients get. Like Redis, admin commands are not shown
 * to monitors, and passwords (AUTH, HELLO ... AUTH) are redacted in what is logged or shown.
 */
final class CallRecorder {
    private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

    private final ServerStats stats;
    private final SlowLog slowLog;
    private final LatencyMonitor latency;
    private final ClientRegistry clients;

    CallRecorder(ServerStats stats, SlowLog slowLog, LatencyMonitor latency, ClientRegistry clients) {
        this.stats = stats;
        this.slowLog = slowLog;
        this.latency = latency;
        this.clients = clients;
    }

    void record(ClientSession session, CommandSpec spec, byte[][] argv, long startNanos, Reply reply) {
        long nanos = System.nanoTime() - startNanos;
        long nowMs = System.currentTimeMillis();
        stats.executed(spec.fullName(), nanos, reply);
        latency.offer(spec.flags().contains("FAST") ? "fast-command" : "command", nanos / 1_000_000, nowMs);
        byte[][] shown = redacted(spec, argv);
        if (!spec.flags().contains("SKIP_SLOWLOG")) slowLog.offer(nanos / 1000, shown, session.addr, session.name, nowMs);
        if (!clients.monitors().isEmpty() && !spec.flags().contains("ADMIN") && !spec.flags().contains("SKIP_MONITOR")) {
            Instant now = Instant.now();
            Reply line = new Reply.Simple(MonitorLine.format(now.getEpochSecond() * 1_000_000 + now.getNano() / 1000,
                    session.addr, shown));
            for (ClientSession monitor : clients.monitors()) monitor.channel.push(line);
        }
    }

    /**
     * AUTH's arguments, ACL SETUSER's user and rules, and HELLO's user name and password,
     * replaced by {@code (redacted)}.
     */
    static byte[][] redacted(CommandSpec spec, byte[][] argv) {
        int secretsFrom = switch (spec.fullName()) {
            case "auth" -> 1;
            case "acl|setuser" -> 2;
            default -> 0;
        };
        if (secretsFrom > 0) {
            byte[][] out = argv.clone();
            Arrays.fill(out, secretsFrom, out.length, REDACTED);
            return out;
        }
        if (spec.fullName().equals("hello")) {
            byte[][] out = argv.clone();
            for (int i = 2; i + 1 < out.length; i++) {
                if (Args.is(out[i], "AUTH") && i + 2 < out.length) {
                    out[i + 1] = REDACTED;
                    out[i + 2] = REDACTED;
                    i += 2;
                } else if (Args.is(out[i], "SETNAME")) {
                    i++;
                }
            }
            return out;
        }
        return argv;
    }
}
