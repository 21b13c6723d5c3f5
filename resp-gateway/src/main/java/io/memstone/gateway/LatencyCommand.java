package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.util.ArrayList;
import java.util.List;

/** LATENCY LATEST / HISTORY event / RESET [event ...] over the gateway's {@link LatencyMonitor}. */
final class LatencyCommand {
    private final LatencyMonitor monitor;

    LatencyCommand(LatencyMonitor monitor) {
        this.monitor = monitor;
    }

    void register(CommandCatalog catalog) {
        catalog.sync("latency|latest", this::latest);
        catalog.sync("latency|history", this::history);
        catalog.sync("latency|reset", this::reset);
    }

    /** Per event: name, time of its latest sample, that sample's latency, the highest latency (ms). */
    Reply latest(ClientSession session, byte[][] argv) {
        List<Reply> events = new ArrayList<>();
        for (LatencyMonitor.Latest l : monitor.latest()) {
            events.add(Reply.array(List.of(Reply.bulk(l.event()), Reply.integer(l.last().timeSeconds()),
                    Reply.integer(l.last().millis()), Reply.integer(l.maxMillis()))));
        }
        return Reply.array(events);
    }

    /** The event's samples, oldest first, as [unix time, latency ms]. */
    Reply history(ClientSession session, byte[][] argv) {
        List<Reply> samples = new ArrayList<>();
        for (LatencyMonitor.Sample s : monitor.history(Args.text(argv[2]))) {
            samples.add(Reply.array(List.of(Reply.integer(s.timeSeconds()), Reply.integer(s.millis()))));
        }
        return Reply.array(samples);
    }

    Reply reset(ClientSession session, byte[][] argv) {
        List<String> events = new ArrayList<>();
        for (int i = 2; i < argv.length; i++) events.add(Args.text(argv[i]));
        return Reply.integer(monitor.reset(events));
    }
}
