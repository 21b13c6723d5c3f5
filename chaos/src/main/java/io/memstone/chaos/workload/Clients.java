package io.memstone.chaos.workload;

import io.memstone.chaos.cluster.ChaosCluster;
import io.memstone.chaos.history.History;
import io.memstone.chaos.history.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Client threads running one workload against the cluster and recording every operation in the
 * history. Client i starts on node i mod n and moves to the next node when it cannot connect.
 * A write that times out or fails after it was sent is indeterminate (info): its process then
 * counts as crashed, and the client goes on under a new process id, as in Jepsen, so every
 * process has at most one operation open. A read that fails has no effect (fail).
 */
public final class Clients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final long BACKOFF_MILLIS = 50;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Workload workload;
    private final History history;
    private final ChaosCluster cluster;
    private final Duration opTimeout;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public Clients(Workload workload, History history, ChaosCluster cluster, int count, Duration opTimeout, long seed) {
        this.workload = workload;
        this.history = history;
        this.cluster = cluster;
        this.opTimeout = opTimeout;
        for (int i = 0; i < count; i++) {
            int id = i;
            Thread t = new Thread(() -> run(id, count, new Random(seed + id)), workload.name() + "-client-" + i);
            t.setDaemon(true); // one stuck in a socket write (no timeout there) must not keep the JVM alive
            threads.add(t);
        }
    }

    public void start() {
        threads.forEach(Thread::start);
    }

    /**
     * Stops after each client's current operation. Reads time out, writes to a socket do not:
     * a client still stuck after a while is left behind, its operation counting as indeterminate.
     */
    public void stop() throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + opTimeout.toNanos() * 2 + STOP_GRACE.toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (t.isAlive()) System.err.println("chaos: " + t.getName() + " is stuck; its operation counts as indeterminate");
        }
    }

    private void run(int id, int count, Random random) {
        int process = id;
        int node = id % cluster.size();
        Jedis jedis = null;
        while (running) {
            if (jedis == null) {
                jedis = connect(cluster.resp(node), opTimeout);
                if (jedis == null) {
                    node = (node + 1) % cluster.size();
                    pause();
                    continue;
                }
            }
            Workload.Invocation next = workload.next(random);
            Op invoke = history.invoke(process, next.f(), next.key(), next.value());
            try {
                history.complete(invoke, Op.Type.OK, workload.apply(jedis, invoke), null);
            } catch (Workload.NotApplied e) {
                history.complete(invoke, Op.Type.FAIL, null, e.getMessage());
            } catch (RuntimeException e) {
                Op.Type type = invoke.isRead() ? Op.Type.FAIL : Op.Type.INFO;
                history.complete(invoke, type, null, oneLine(e));
                if (type == Op.Type.INFO) process += count;
                jedis.close();
                jedis = null;
                pause();
            }
        }
        if (jedis != null) jedis.close();
    }

    /** A connection that answers PING, or null. */
    static Jedis connect(HostAndPort address, Duration opTimeout) {
        Jedis jedis = null;
        try {
            jedis = new Jedis(address, DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis((int) CONNECT_TIMEOUT.toMillis())
                    .socketTimeoutMillis((int) opTimeout.toMillis()).build());
            jedis.ping();
            return jedis;
        } catch (RuntimeException e) {
            if (jedis != null) jedis.close();
            return null;
        }
    }

    static String oneLine(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    private static void pause() {
        try {
            Thread.sleep(BACKOFF_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
