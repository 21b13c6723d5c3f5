package io.memstone.engine;

import io.memstone.command.Slots;
import io.memstone.rdb.DumpPayload;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash slots as a unit of data. CLUSTER COUNTKEYSINSLOT and GETKEYSINSLOT: the gateway checks
 * the arguments as Redis does and sends {@code __countkeysinslots SLOT SLOT} or
 * {@code __getkeysinslot SLOT COUNT} to the slot's shard; like Redis, keys whose time has
 * passed count until they are deleted. And the steps of moving slots to another shard, each
 * safe to repeat (a move resumed after a failover repeats the step it was in):
 * {@code __closeslots} and {@code __openslots} (see {@link SlotGuard}), {@code __dumpslots}
 * (the source's keys, read once the slots are closed), {@code __dropslots} (the source lets
 * go of them once the target serves them), {@code __closedslots}; a move's progress is
 * {@code __countkeysinslots} of its ranges on the source and the target.
 *
 * <p>Each is a pass over the shard's keys: there is no per-slot index yet.
 */
final class SlotCommands {
    private SlotCommands() {}

    static void register(CommandRegistry r) {
        r.registerInternal("__countkeysinslots", -3, true, SlotCommands::countKeysInSlots);
        r.registerInternal("__getkeysinslot", 3, true, SlotCommands::getKeysInSlot);
        r.registerInternal("__closeslots", -3, false, ctx -> eachRange(ctx, ctx.slots::close));
        r.registerInternal("__openslots", -3, false, ctx -> eachRange(ctx, ctx.slots::open));
        r.registerInternal("__dropslots", -3, false, SlotCommands::dropSlots);
        r.registerInternal("__dumpslots", 5, true, SlotCommands::dumpSlots);
        r.registerInternal("__closedslots", 1, true, SlotCommands::closedSlots);
    }

    /** {@code name first last [first last ...]}: inclusive slot ranges. */
    private static List<int[]> ranges(CommandContext ctx, int from) {
        if ((ctx.argc() - from) % 2 != 0) throw new CommandError(Errors.SYNTAX);
        List<int[]> out = new ArrayList<>();
        for (int i = from; i < ctx.argc(); i += 2) out.add(range(ctx, i));
        return out;
    }

    private static int[] range(CommandContext ctx, int i) {
        int first = ctx.intArg(i);
        int last = ctx.intArg(i + 1);
        if (first < 0 || last >= Slots.COUNT || first > last) throw new CommandError(Reply.error("ERR Invalid slot range"));
        return new int[] {first, last};
    }

    private static boolean inRanges(List<int[]> ranges, Key key) {
        int slot = Slots.slot(key.bytes());
        for (int[] r : ranges) {
            if (r[0] <= slot && slot <= r[1]) return true;
        }
        return false;
    }

    private static Reply eachRange(CommandContext ctx, java.util.function.BiConsumer<Integer, Integer> action) {
        for (int[] r : ranges(ctx, 1)) action.accept(r[0], r[1]);
        return Reply.OK;
    }

    /** Deletes every key of the ranges; replies how many. */
    static Reply dropSlots(CommandContext ctx) {
        List<int[]> ranges = ranges(ctx, 1);
        List<Key> doomed = new ArrayList<>();
        ctx.keyspace.forEach((key, value) -> {
            if (inRanges(ranges, key)) doomed.add(key);
        });
        doomed.forEach(ctx.keyspace::delete);
        return Reply.integer(doomed.size());
    }

    /**
     * {@code __dumpslots first last cursor count}: walks the keyspace from {@code cursor} (as
     * SCAN does) until about {@code count} keys of the range are found, or 16 times as many
     * keys were looked at (the engine is locked meanwhile); replies
     * [next cursor, [key, absolute expiry ms or -1, DUMP payload]...]. Keys already expired are
     * left out.
     */
    static Reply dumpSlots(CommandContext ctx) {
        List<int[]> range = List.of(range(ctx, 1));
        long cursor = ctx.longArg(3);
        long count = ctx.longArg(4);
        List<Reply> entries = new ArrayList<>();
        List<Key> visited = new ArrayList<>();
        long looked = 0;
        do {
            visited.clear();
            cursor = ctx.keyspace.scan(cursor, visited);
            looked += visited.size();
            for (Key key : visited) {
                RedisValue v = inRanges(range, key) ? ctx.lookup(key) : null;
                if (v == null) continue;
                entries.add(Reply.array(List.of(Reply.bulk(key.bytes()), Reply.integer(ctx.keyspace.expireAt(key)),
                        Reply.bulk(DumpPayload.create(RdbValues.toRdb(v))))));
            }
        } while (cursor != 0 && entries.size() < count && looked < 16 * count);
        return Reply.array(List.of(Reply.bulk(Long.toUnsignedString(cursor)), Reply.array(entries)));
    }

    /** [first, last, first, last...] of the closed slots. */
    static Reply closedSlots(CommandContext ctx) {
        List<Reply> out = new ArrayList<>();
        for (int[] r : ctx.slots.ranges()) {
            out.add(Reply.integer(r[0]));
            out.add(Reply.integer(r[1]));
        }
        return Reply.array(out);
    }

    /** {@code __countkeysinslots first last [first last ...]}: the keys of the ranges, in one pass. */
    static Reply countKeysInSlots(CommandContext ctx) {
        List<int[]> ranges = ranges(ctx, 1);
        long[] count = {0};
        ctx.keyspace.forEach((key, value) -> {
            if (inRanges(ranges, key)) count[0]++;
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
