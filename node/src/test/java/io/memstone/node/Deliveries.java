package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A queue workload's books: what producers sent (acknowledged, or failed and so maybe applied)
 * and what consumers received, and the check that each was received exactly once.
 */
final class Deliveries {
    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> maybeSent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger receptions = new AtomicInteger();

    void sent(String element) {
        sent.add(element);
    }

    /** A send failed (during a failover): it may have been applied, so it is received at most once. */
    void maybeSent(String element) {
        maybeSent.add(element);
    }

    void received(String element) {
        received.merge(element, 1, Integer::sum);
        receptions.incrementAndGet();
    }

    int receptions() {
        return receptions.get();
    }

    int sentCount() {
        return sent.size();
    }

    boolean everySentReceived() {
        return received.keySet().containsAll(sent);
    }

    /** Nothing received twice, nothing received that nobody sent. */
    void assertReceivedOnce() {
        Set<String> twice = new HashSet<>();
        received.forEach((e, n) -> {
            if (n > 1) twice.add(e);
        });
        assertEquals(Set.of(), twice, "received more than once");
        Set<String> unknown = new HashSet<>(received.keySet());
        unknown.removeAll(sent);
        unknown.removeAll(maybeSent);
        assertEquals(Set.of(), unknown, "received, and nobody sent them");
    }

    /** A daemon thread running {@code body}, started. */
    static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
