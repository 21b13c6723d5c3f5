package io.memstone.node.pubsub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nodes that just failed a Pub/Sub call and are skipped for a while: without this, every
 * PUBLISH would wait the full deadline on a node that hangs (partitioned, paused). A skipped
 * node misses those messages, which at-most-once delivery allows; its subscribers would
 * have missed them anyway while it did not answer.
 */
final class QuietPeers {
    private final long quietMillis;
    private final Map<String, Long> quietUntil = new ConcurrentHashMap<>();

    QuietPeers(long quietMillis) {
        this.quietMillis = quietMillis;
    }

    boolean skipped(String node, long nowMs) {
        Long until = quietUntil.get(node);
        return until != null && nowMs < until;
    }

    /** A call to {@code node} failed at {@code nowMs}; returns whether it was answering until then. */
    boolean failed(String node, long nowMs) {
        return quietUntil.put(node, nowMs + quietMillis) == null;
    }

    /** A call succeeded; returns whether the node had been skipped. */
    boolean answered(String node) {
        return quietUntil.remove(node) != null;
    }
}
