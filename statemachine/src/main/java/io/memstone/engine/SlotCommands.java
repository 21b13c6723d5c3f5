package io.memstone.engine;

import io.memstone.command.Slots;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of one hash slot, for CLUSTER COUNTKEYSINSLOT and GETKEYSINSLOT: the gateway checks
 * the arguments as Redis does and sends {@code __countkeysinslot SLOT} or
 * {@code __getkeysinslot SLOT COUNT} to the slot's shard. Like Redis, keys whose time has
 * passed count until they are deleted.
 *
 * <p>A pass over the shard's keys: Memstone keeps no per-slot index yet (resharding will need
 * one).
 */
final class SlotCommands {
    private SlotCommands() {}

    static void register(CommandRegistry r) {
        r.registerInternal("__countkeysinslot", 2, true, SlotCommands::countKeysInSlot);
        r.registerInternal("__getkeysinslot", 3, true, SlotCommands::getKeysInSlot);
    }

    static Reply countKeysInSlot(CommandContext ctx) {
        int slot = ctx.intArg(1);
        long[] count = {0};
        ctx.keyspace.forEach((key, value) -> {
            if (Slots.slot(key.bytes()) == slot) count[0]++;
        });
        return Reply.integer(count[0]);
    }

    static Reply getKeysInSlot(CommandContext ctx) {
        int slot = ctx.intArg(1);
        long max = ctx.longArg(2);
        List<Reply> keys = new ArrayList<>();
        ctx.keyspace.forEach((key, value) -> {
            if (keys.size() < max && Slots.slot(key.bytes()) == slot) keys.add(Reply.bulk(key.bytes()));
        });
        return Reply.array(keys);
    }
}
