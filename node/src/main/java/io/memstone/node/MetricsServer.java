package io.memstone.node;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} on the node's metrics port, served by the Prometheus Java client's HTTP
 * server: the registry in the format the scraper asks for (text, OpenMetrics or protobuf).
 */
final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final String host;
    private final int port;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private HTTPServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "metrics-http");
        t.setDaemon(true);
        return t;
    });

    /** {@code beforeScrape} brings the registry up to date (series that come and go) before it is written. */
    MetricsServer(String host, int port, MetricRegistry metrics, Runnable beforeScrape) {
        this.host = host;
        this.port = port;
        registry.register(new DropwizardCollector(metrics, beforeScrape));
    }

    /** Binds the port; returns once scrapes are served. */
    void start() throws IOException {
        server = HTTPServer.builder().hostname(host).port(port).registry(registry).executorService(executor).buildAndStart();
        LOG.info("metrics on http://{}:{}/metrics", host, server.getPort());
    }

    @Override
    public void close() {
        if (server != null) server.close();
        executor.shutdownNow();
    }
}
