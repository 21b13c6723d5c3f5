package io.memstone.engine;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Each value's last access (LRU) or access frequency (LFU), as Redis keeps in an object's
 * {@code lru} bits: which one moves depends on the maxmemory-policy, as in Redis.
 *
 * <p>Leader-local, not replicated: reads update it without a log entry, only on the replica
 * that serves them, and writes through the log at the entry's timestamp on every replica; the
 * LFU draw comes from a local random source so that the batch's seeded draws stay identical
 * everywhere. It enters no digest and no snapshot. Only the shard leader reads it, to choose
 * victims that it then deletes through the log; a replica that becomes leader starts from what
 * the writes told it (and from its snapshot load time for keys not written since).
 */
final class AccessClock {
    private AccessClock() {}

    /** A value stored for the first time at {@code nowMs} (Redis' createObject): just used, LFU_INIT_VAL. */
    static void created(RedisValue v, long nowMs) {
        if (v.accessMs != 0) return;
        v.accessMs = nowMs;
        v.lfu = Lfu.fresh(nowMs);
    }

    /** A command looked the value up at {@code nowMs} (Redis' updateLFU, or the LRU clock). */
    static void accessed(RedisValue v, long nowMs, MemoryPolicy policy) {
        if (policy.policy().lfu()) {
            v.lfu = Lfu.accessed(v.lfu, nowMs, policy.lfuLogFactor(), policy.lfuDecayTime(),
                    ThreadLocalRandom.current().nextDouble());
        } else {
            v.accessMs = Math.max(v.accessMs, nowMs);
        }
    }

    /**
     * RESTORE's IDLETIME (seconds) or FREQ, -1 when not given: sets what the policy tracks and
     * ignores the other (Redis' objectSetLRUOrLFU).
     */
    static void restored(RedisValue v, long idleSeconds, int freq, long nowMs, MemoryPolicy policy) {
        if (policy.policy().lfu()) {
            if (freq >= 0) v.lfu = Lfu.withCounter(nowMs, freq);
        } else if (idleSeconds >= 0) {
            v.accessMs = nowMs - Math.min(idleSeconds, nowMs / 1000) * 1000;
        }
    }

    /** Milliseconds since the last access (Redis' estimateObjectIdleTime). */
    static long idleMs(RedisValue v, long nowMs) {
        return Math.max(0, nowMs - v.accessMs);
    }

    /** The decayed LFU counter (Redis' LFUDecrAndReturn). */
    static int frequency(RedisValue v, long nowMs, MemoryPolicy policy) {
        return Lfu.counter(v.lfu, nowMs, policy.lfuDecayTime());
    }
}
