package io.memstone.engine;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * A consumer group: the last ID it delivered, how many entries it read (-1: unknown), its
 * pending entries (PEL) and its consumers, each holding its own share of the PEL. Groups and
 * consumers are ordered by name bytes, as Redis' radix trees list them. Times are the
 * applying entry's clock, so every replica holds the same PEL.
 */
final class StreamGroup {
    /** Redis' SCG_INVALID_ENTRIES_READ. */
    static final long UNKNOWN_ENTRIES_READ = -1;

    /** A delivered, unacknowledged entry. */
    static final class Pending {
        Consumer consumer;
        long deliveryTime;
        long deliveryCount;

        Pending(Consumer consumer, long deliveryTime, long deliveryCount) {
            this.consumer = consumer;
            this.deliveryTime = deliveryTime;
            this.deliveryCount = deliveryCount;
        }
    }

    static final class Consumer {
        final byte[] name;
        long seenTime;
        final TreeMap<StreamId, Pending> pel = new TreeMap<>();

        Consumer(byte[] name, long seenTime) {
            this.name = name;
            this.seenTime = seenTime;
        }
    }

    StreamId lastId;
    long entriesRead;
    final TreeMap<StreamId, Pending> pel = new TreeMap<>();
    final TreeMap<byte[], Consumer> consumers = new TreeMap<>(Arrays::compareUnsigned);

    StreamGroup(StreamId lastId, long entriesRead) {
        this.lastId = lastId;
        this.entriesRead = entriesRead;
    }

    /** The consumer, refreshing its seen time (Redis' SLC_DEFAULT), or created at {@code nowMs}. */
    Consumer consumer(byte[] name, long nowMs) {
        Consumer c = consumers.get(name);
        if (c == null) {
            c = new Consumer(name, nowMs);
            consumers.put(name, c);
        }
        c.seenTime = nowMs;
        return c;
    }

    /** Records a delivery to {@code consumer}: a new pending entry, or one moved over to it. */
    void deliver(StreamId id, Consumer consumer, long nowMs) {
        Pending p = pel.get(id);
        if (p == null) {
            p = new Pending(consumer, nowMs, 1);
            pel.put(id, p);
        } else {
            p.consumer.pel.remove(id);
            p.consumer = consumer;
            p.deliveryTime = nowMs;
            p.deliveryCount = 1;
        }
        consumer.pel.put(id, p);
    }

    /** Hands a pending entry to another consumer (claims); the caller sets time and count. */
    void assign(StreamId id, Pending p, Consumer to) {
        if (p.consumer == to) return;
        if (p.consumer != null) p.consumer.pel.remove(id);
        p.consumer = to;
        to.pel.put(id, p);
    }

    /** Drops a pending entry (XACK, or its entry is gone); false if it was not pending. */
    boolean acknowledge(StreamId id) {
        Pending p = pel.remove(id);
        if (p == null) return false;
        p.consumer.pel.remove(id);
        return true;
    }

    /** Removes a consumer and its pending entries; returns how many it had. */
    int deleteConsumer(byte[] name) {
        Consumer c = consumers.remove(name);
        if (c == null) return 0;
        for (StreamId id : c.pel.keySet()) pel.remove(id);
        return c.pel.size();
    }

    StreamGroup copy() {
        StreamGroup g = new StreamGroup(lastId, entriesRead);
        for (Consumer c : consumers.values()) {
            Consumer cc = new Consumer(c.name, c.seenTime);
            g.consumers.put(cc.name, cc);
        }
        pel.forEach((id, p) -> {
            Consumer owner = g.consumers.get(p.consumer.name);
            Pending pp = new Pending(owner, p.deliveryTime, p.deliveryCount);
            g.pel.put(id, pp);
            owner.pel.put(id, pp);
        });
        return g;
    }
}
