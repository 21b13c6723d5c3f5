package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyMonitorTest {
    @Test
    void offHoldsNothingAndOnHoldsWhatReachesTheThreshold() {
        LatencyMonitor m = new LatencyMonitor();
        m.offer("command", 500, 1_000);
        assertTrue(m.latest().isEmpty(), "threshold 0 turns the monitor off");
        m.configure(10);
        m.offer("command", 9, 1_000);
        m.offer("command", 10, 2_000);
        assertEquals(List.of(new LatencyMonitor.Sample(2, 10)), m.history("command"));
    }

    @Test
    void oneSamplePerSecondKeepingTheHighestAndTheMaxEver() {
        LatencyMonitor m = new LatencyMonitor();
        m.add("command", 5, 100);
        m.add("command", 8, 100);
        m.add("command", 3, 100);
        m.add("command", 4, 101);
        assertEquals(List.of(new LatencyMonitor.Sample(100, 8), new LatencyMonitor.Sample(101, 4)), m.history("command"));
        assertEquals(List.of(new LatencyMonitor.Latest("command", new LatencyMonitor.Sample(101, 4), 8)), m.latest());
    }

    @Test
    void keepsTheLast160SecondsWithSamples() {
        LatencyMonitor m = new LatencyMonitor();
        for (int s = 0; s < 200; s++) m.add("fast-command", s + 1, s);
        List<LatencyMonitor.Sample> h = m.history("fast-command");
        assertEquals(LatencyMonitor.SAMPLES, h.size());
        assertEquals(40, h.get(0).timeSeconds(), "oldest kept");
        assertEquals(199, h.get(h.size() - 1).timeSeconds(), "newest");
        assertEquals(200, m.latest().get(0).maxMillis(), "the max outlives the samples");
    }

    @Test
    void resetForgetsTheNamedEventsOrAllAndCountsThem() {
        LatencyMonitor m = new LatencyMonitor();
        m.add("command", 5, 1);
        m.add("fast-command", 5, 1);
        assertEquals(1, m.reset(List.of("command", "nosuch")));
        assertEquals(List.of(), m.history("command"));
        assertEquals(1, m.reset(List.of()));
        assertTrue(m.latest().isEmpty());
    }
}
