package io.memstone.node;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.memstone.gateway.MetricName;
import java.io.OutputStream;
import java.util.List;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.metrics.impl.RatisMetricRegistryImpl;
import org.apache.ratis.thirdparty.com.codahale.metrics.Counter;
import org.apache.ratis.thirdparty.com.codahale.metrics.Metric;

/**
 * A few of Ratis' own per-group metrics (kept in its shaded copy of Dropwizard), shown in
 * Memstone's registry as {@code memstone_ratis_*} with a shard label: the stages of a write
 * (the log worker's queue, the flush with the payloads' sync, the segment's fsync, a follower's
 * handling of an append), client request latency and backlog, elections, snapshot time. The rest of
 * Ratis' metrics repeat what {@link RaftMetrics} shows or are of no use to an operator.
 */
final class RatisMetrics {
    private record Bridged(String component, String ratisName, String family) {}

    private static final List<Bridged> BRIDGED = List.of(
            new Bridged("log_worker", "flushTime", "memstone_ratis_log_flush_seconds"),
            new Bridged("log_worker", "appendEntryLatency", "memstone_ratis_log_append_seconds"),
            new Bridged("log_worker", "syncTime", "memstone_ratis_log_sync_seconds"),
            new Bridged("log_worker", "enqueuedTime", "memstone_ratis_log_queue_seconds"),
            new Bridged("server", "follower_append_entry_latency", "memstone_ratis_follower_append_seconds"),
            new Bridged("server", "clientWriteRequest", "memstone_ratis_write_request_seconds"),
            new Bridged("server", "clientReadRequest", "memstone_ratis_read_request_seconds"),
            new Bridged("server", "numPendingRequestInQueue", "memstone_ratis_pending_requests"),
            new Bridged("leader_election", "electionCount", "memstone_ratis_elections_total"),
            new Bridged("leader_election", "timeoutCount", "memstone_ratis_election_timeouts_total"),
            new Bridged("state_machine", "takeSnapshot", "memstone_ratis_snapshot_seconds"));

    private RatisMetrics() {}

    /** Registers the bridged metrics Ratis has created so far for the group ({@code group-...}) of a shard. */
    static void register(MetricRegistry registry, String shard, String groupId) {
        for (RatisMetricRegistry r : MetricRegistries.global().getMetricRegistries()) {
            if (!(r instanceof RatisMetricRegistryImpl impl) || !r.getMetricRegistryInfo().getPrefix().endsWith("@" + groupId)) {
                continue;
            }
            for (Bridged b : BRIDGED) {
                if (!b.component().equals(r.getMetricRegistryInfo().getMetricsComponentName())) continue;
                Metric m = impl.get(b.ratisName());
                String name = MetricName.of(b.family(), "shard", shard);
                if (m == null || registry.getMetrics().containsKey(name)) continue;
                if (m instanceof org.apache.ratis.thirdparty.com.codahale.metrics.Timer t) {
                    registry.register(name, new TimerView(t));
                } else if (m instanceof Counter c) {
                    registry.register(name, (Gauge<Long>) c::getCount);
                } else if (m instanceof org.apache.ratis.thirdparty.com.codahale.metrics.Gauge<?> g) {
                    registry.register(name, (Gauge<Object>) g::getValue);
                }
            }
        }
    }

    /** A Ratis timer read through Dropwizard's Timer interface (nothing records into it here). */
    private static final class TimerView extends Timer {
        private final org.apache.ratis.thirdparty.com.codahale.metrics.Timer ratis;

        TimerView(org.apache.ratis.thirdparty.com.codahale.metrics.Timer ratis) {
            this.ratis = ratis;
        }

        @Override
        public long getCount() {
            return ratis.getCount();
        }

        @Override
        public double getMeanRate() {
            return ratis.getMeanRate();
        }

        @Override
        public double getOneMinuteRate() {
            return ratis.getOneMinuteRate();
        }

        @Override
        public double getFiveMinuteRate() {
            return ratis.getFiveMinuteRate();
        }

        @Override
        public double getFifteenMinuteRate() {
            return ratis.getFifteenMinuteRate();
        }

        @Override
        public Snapshot getSnapshot() {
            return new SnapshotView(ratis.getSnapshot());
        }
    }

    private static final class SnapshotView extends Snapshot {
        private final org.apache.ratis.thirdparty.com.codahale.metrics.Snapshot ratis;

        SnapshotView(org.apache.ratis.thirdparty.com.codahale.metrics.Snapshot ratis) {
            this.ratis = ratis;
        }

        @Override
        public double getValue(double quantile) {
            return ratis.getValue(quantile);
        }

        @Override
        public long[] getValues() {
            return ratis.getValues();
        }

        @Override
        public int size() {
            return ratis.size();
        }

        @Override
        public long getMax() {
            return ratis.getMax();
        }

        @Override
        public double getMean() {
            return ratis.getMean();
        }

        @Override
        public long getMin() {
            return ratis.getMin();
        }

        @Override
        public double getStdDev() {
            return ratis.getStdDev();
        }

        @Override
        public void dump(OutputStream output) {
            ratis.dump(output);
        }
    }
}
