package io.memstone.engine;

import java.util.Locale;

/** Redis' maxmemory-policy values: which keys may go (all, or those with an expiry) and in what order. */
public enum EvictionPolicy {
    NOEVICTION(false, Order.NONE),
    ALLKEYS_LRU(false, Order.LRU), ALLKEYS_LFU(false, Order.LFU), ALLKEYS_RANDOM(false, Order.RANDOM),
    VOLATILE_LRU(true, Order.LRU), VOLATILE_LFU(true, Order.LFU), VOLATILE_RANDOM(true, Order.RANDOM),
    VOLATILE_TTL(true, Order.TTL);

    /** How victims are ranked; NONE never evicts. */
    enum Order { NONE, LRU, LFU, RANDOM, TTL }

    final boolean volatileOnly;
    final Order order;

    EvictionPolicy(boolean volatileOnly, Order order) {
        this.volatileOnly = volatileOnly;
        this.order = order;
    }

    /** The policy named as CONFIG shows it ({@code allkeys-lru}). */
    public static EvictionPolicy named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Whether access frequency is tracked for OBJECT FREQ (Redis' MAXMEMORY_FLAG_LFU). */
    public boolean lfu() {
        return order == Order.LFU;
    }
}
