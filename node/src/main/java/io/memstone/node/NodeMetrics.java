package io.memstone.node;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import io.memstone.raft.RaftNode;
import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The node's metrics: one Dropwizard registry (the gateway's command statistics, Raft groups,
 * JVM), served as Prometheus text on the metrics port and as MBeans over JMX (domain
 * {@code memstone}).
 */
final class NodeMetrics implements AutoCloseable {
    /** How often series that come and go (followers, shards) are brought up to date for JMX. */
    private static final long REFRESH_SECONDS = 5;

    private final MetricRegistry registry = new MetricRegistry();
    private final RaftMetrics raftMetrics;
    private final MetricsServer http;
    private final FollowerWatch followers;
    private final JmxReporter jmx;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "metrics-refresh");
        t.setDaemon(true);
        return t;
    });

    NodeMetrics(NodeConfig.Member self, RaftNode raft, Supplier<Collection<String>> shards) {
        JvmMetrics.register(registry);
        // CONFIG's maxmemory (0: none), beside the heap in use that it is compared with, for alerts.
        registry.register("memstone_maxmemory_bytes",
                (com.codahale.metrics.Gauge<Double>) () -> Double.parseDouble(raft.parameters().values().get("maxmemory")));
        raftMetrics = new RaftMetrics(registry, raft, shards);
        followers = new FollowerWatch(raft, self.id(), shards);
        http = new MetricsServer(self.host(), self.metricsPort(), registry, raftMetrics::refresh);
        jmx = JmxReporter.forRegistry(registry).inDomain("memstone").createsObjectNamesWith(new JmxNames()).build();
    }

    MetricRegistry registry() {
        return registry;
    }

    /** After the Raft server started: its groups exist. */
    void start() throws IOException {
        raftMetrics.refresh();
        refresher.scheduleWithFixedDelay(raftMetrics::refresh, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
        refresher.scheduleWithFixedDelay(followers::check, 1, 1, TimeUnit.SECONDS);
        jmx.start();
        http.start();
    }

    @Override
    public void close() {
        http.close();
        jmx.close();
        refresher.shutdownNow();
    }
}
