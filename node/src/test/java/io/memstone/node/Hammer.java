package io.memstone.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * One client thread per gateway writing the same keys over and over from before the gateway
 * is up (a refused connection is tried again), recording every outcome: nothing is swallowed,
 * the test decides which outcomes are allowed when.
 */
final class Hammer implements AutoCloseable {
    /** One SET (or connection attempt, key null): error null when it answered OK. */
    record Outcome(long atNanos, int gateway, String key, String error) {}

    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Hammer(TestCluster cluster, List<Integer> gateways, List<String> keys) {
        for (int gateway : gateways) {
            Thread t = new Thread(() -> run(cluster, gateway, keys), "hammer-" + gateway);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    private void run(TestCluster cluster, int gateway, List<String> keys) {
        while (running.get()) {
            try (Jedis j = cluster.jedis(gateway)) {
                while (running.get()) {
                    for (String key : keys) set(j, gateway, key);
                }
            } catch (JedisConnectionException e) {
                outcomes.add(new Outcome(System.nanoTime(), gateway, null, e.toString()));
                pause();
            }
        }
    }

    private void set(Jedis j, int gateway, String key) {
        String error;
        try {
            String reply = j.set(key, "v");
            error = "OK".equals(reply) ? null : "reply " + reply;
        } catch (JedisDataException e) {
            error = e.getMessage();
        }
        outcomes.add(new Outcome(System.nanoTime(), gateway, key, error));
    }

    /** Between connection attempts to a gateway that is not listening yet. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every outcome recorded at or after {@code fromNanos}. */
    List<Outcome> since(long fromNanos) {
        return outcomes.stream().filter(o -> o.atNanos() >= fromNanos).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(30));
    }
}
