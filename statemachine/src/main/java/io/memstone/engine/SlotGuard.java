package io.memstone.engine;

import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import io.memstone.command.Slots;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The slots a shard does not serve while they move to another shard (or after they moved):
 * a command on a key of such a slot is refused with {@code TRYAGAIN}, which gateways retry
 * once the slot map names the slot's new shard. Closing happens through the log, so every
 * replica refuses from the same entry on; the set is part of the shard's snapshot.
 */
public final class SlotGuard {
    /** The error a refused command gets; gateways recognise this prefix. */
    public static final String MOVING = "TRYAGAIN Slot ";

    private final BitSet closed = new BitSet(Slots.COUNT);

    /** The refusal for this command, or null when it may run. */
    Reply check(String name, byte[][] argv) {
        if (closed.isEmpty()) return null;
        CommandSpec spec = CommandTable.redis().lookup(name);
        if (spec == null) return null; // internal commands manage the slots themselves
        if (!spec.subcommands().isEmpty() && argv.length > 1) {
            spec = spec.subcommand(CommandContext.lowerName(argv[1]));
            if (spec == null) return null;
        }
        int[] keys = spec.keyPositions(argv);
        if (keys.length == 0) return null;
        int slot = Slots.slot(argv[keys[0]]);
        return closed.get(slot) ? Reply.error(MOVING + slot + " is moving to another shard") : null;
    }

    void close(int first, int last) {
        closed.set(first, last + 1);
    }

    void open(int first, int last) {
        closed.clear(first, last + 1);
    }

    public boolean isClosed(int slot) {
        return closed.get(slot);
    }

    /** Closed slots as inclusive ranges {@code [first, last]}, in order. */
    public List<int[]> ranges() {
        List<int[]> out = new ArrayList<>();
        for (int first = closed.nextSetBit(0); first >= 0; ) {
            int end = closed.nextClearBit(first);
            out.add(new int[] {first, end - 1});
            first = closed.nextSetBit(end);
        }
        return out;
    }
}
