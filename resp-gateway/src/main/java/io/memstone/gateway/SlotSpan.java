package io.memstone.gateway;

import io.memstone.command.Slots;

/**
 * The hash slots a transaction's keys (queued and watched) fall in, so far: none, one, or
 * several. With several shards a transaction must stay in one slot, as in Redis Cluster.
 */
final class SlotSpan {
    private static final int NONE = -1;
    private int slot = NONE;
    private boolean several;

    /**
     * The slot to route a command with keys to: the one its keys share; with a single shard,
     * which serves every slot, the first key's (a one-shard cluster is a standalone Redis:
     * multi-key commands and transactions over any keys). {@link Slots#CROSS_SLOT} otherwise.
     */
    static int route(byte[][] argv, int[] keys, boolean sharded) {
        int slot = Slots.slotOf(argv, keys);
        return slot == Slots.CROSS_SLOT && !sharded ? Slots.slot(argv[keys[0]]) : slot;
    }

    SlotSpan copy() {
        SlotSpan c = new SlotSpan();
        c.slot = slot;
        c.several = several;
        return c;
    }

    void add(int s) {
        if (slot == NONE) {
            slot = s;
        } else if (slot != s) {
            several = true;
        }
    }

    /** Whether a key in slot {@code s} keeps the span within one slot. */
    boolean admits(int s) {
        return !several && (slot == NONE || slot == s);
    }

    boolean several() {
        return several;
    }

    /** The first key's slot; 0 for a transaction without keys, which any shard may run. */
    int slot() {
        return slot == NONE ? 0 : slot;
    }
}
