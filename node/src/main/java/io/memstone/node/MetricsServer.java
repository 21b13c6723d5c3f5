package io.memstone.node;

import com.codahale.metrics.MetricRegistry;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} on the node's metrics port: the registry in Prometheus' text format.
 * The JDK's own HTTP server is enough for one scrape every few seconds, and adds no dependency.
 */
final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final InetSocketAddress address;
    private final MetricRegistry registry;
    private final Runnable beforeScrape;
    private HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "metrics-http");
        t.setDaemon(true);
        return t;
    });

    /** {@code beforeScrape} brings the registry up to date (series that come and go) before it is written. */
    MetricsServer(String host, int port, MetricRegistry registry, Runnable beforeScrape) {
        this.address = new InetSocketAddress(host, port);
        this.registry = registry;
        this.beforeScrape = beforeScrape;
    }

    /** Binds the port; returns once scrapes are served. */
    void start() throws IOException {
        server = HttpServer.create(address, 16);
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    respond(exchange, 405, "text/plain; charset=utf-8", "only GET\n");
                    return;
                }
                String text;
                try {
                    beforeScrape.run();
                    text = PrometheusText.render(registry);
                } catch (RuntimeException e) {
                    LOG.warn("metrics scrape failed: {}", e.toString());
                    respond(exchange, 500, "text/plain; charset=utf-8", e + "\n");
                    return;
                }
                respond(exchange, 200, PrometheusText.CONTENT_TYPE, text);
            }
        });
        server.setExecutor(executor);
        server.start();
        LOG.info("metrics on http://{}:{}/metrics", server.getAddress().getHostString(), server.getAddress().getPort());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        if (server != null) server.stop(0);
        executor.shutdownNow();
    }
}
