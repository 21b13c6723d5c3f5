package io.memstone.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Chooses keys to evict as Redis' performEvictions does (evict.c): random policies draw keys;
 * the others sample maxmemory-samples keys at a time into an {@link EvictionPool} and take its
 * best (longest idle, least frequently used, or nearest expiry). Volatile policies draw only
 * among keys with an expiry. Runs on the shard leader, which proposes the deletions through the
 * log; changes nothing itself.
 */
final class Evictor {
    /**
     * Samplings in a row that may find no new candidate before the search gives up: draws hit
     * taken keys more often as more are taken, so it stops early only when nearly all are.
     */
    private static final int MAX_MISSES = 1000;

    private final Keyspace keyspace;
    private final MemoryPolicy policy;
    private final long nowMs;
    private final Random random;
    /** Keys chosen by proposals not yet applied. */
    private final Set<Key> taken;
    /** Keys this call chose. */
    private final Set<Key> chosen = new HashSet<>();
    /** Kept across calls, as Redis keeps its pool: good candidates sampled earlier still count. */
    private final EvictionPool pool;

    Evictor(Keyspace keyspace, MemoryPolicy policy, long nowMs, Random random, Set<Key> taken, EvictionPool pool) {
        this.keyspace = keyspace;
        this.policy = policy;
        this.nowMs = nowMs;
        this.random = random;
        this.taken = taken;
        this.pool = pool;
    }

    /** Keys whose bytes add up to at least {@code toFree}, or as many as there are to take. */
    List<Key> victims(long toFree) {
        List<Key> out = new ArrayList<>();
        long freed = 0;
        int misses = 0;
        while (freed < toFree && misses < MAX_MISSES && taken.size() + chosen.size() < candidates()) {
            Key k = policy.policy().order == EvictionPolicy.Order.RANDOM ? draw() : best();
            if (k == null) {
                misses++;
                continue;
            }
            misses = 0;
            chosen.add(k);
            out.add(k);
            freed += keyspace.bytesOf(k);
        }
        return out;
    }

    private int candidates() {
        return policy.policy().volatileOnly ? keyspace.keysWithExpiry() : keyspace.size();
    }

    /** A key not yet taken, drawn at random; null when the draw found only taken keys. */
    private Key draw() {
        Key k = keyspace.sampleKey(policy.policy().volatileOnly, random);
        return k == null || isTaken(k) ? null : k;
    }

    /** Samples into the pool, then takes its best candidate still present and not taken. */
    private Key best() {
        for (int i = 0; i < policy.samples(); i++) {
            Key k = keyspace.sampleKey(policy.policy().volatileOnly, random);
            if (k == null) return null;
            if (!isTaken(k)) pool.offer(k, score(k));
        }
        for (Key k = pool.takeBest(); k != null; k = pool.takeBest()) {
            if (!isTaken(k) && keyspace.peekValue(k) != null) return k;
        }
        return null;
    }

    private boolean isTaken(Key k) {
        return taken.contains(k) || chosen.contains(k);
    }

    /** Higher goes first: idle time, inverted frequency, or inverted expiry time. */
    private long score(Key k) {
        RedisValue v = keyspace.peekValue(k);
        switch (policy.policy().order) {
            case LRU: return AccessClock.idleMs(v, nowMs);
            case LFU: return 255 - AccessClock.frequency(v, nowMs, policy);
            default: return Long.MAX_VALUE - keyspace.expireAt(k);
        }
    }
}
