package io.memstone.engine;

import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import java.util.List;

/**
 * OBJECT ENCODING, REFCOUNT, IDLETIME, FREQ and HELP, after Redis 7.0's object.c. IDLETIME and
 * FREQ read the key's access state ({@link AccessClock}) as the replica answering knows it: the
 * leader's for ordinary reads. As in Redis, IDLETIME answers under LRU policies only and FREQ
 * under LFU ones; OBJECT itself does not count as an access.
 */
final class ObjectCommand {
    private ObjectCommand() {}

    private static final CommandSpec OBJECT = CommandTable.redis().lookup("object");
    /** Redis' OBJ_SHARED_REFCOUNT: the refcount of its shared integers 0..9999. */
    private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;
    private static final long SHARED_INTEGERS = 10000;
    private static final Reply FREQ_NOT_TRACKED = Reply.error("ERR An LFU maxmemory policy is not selected,"
            + " access frequency not tracked. Please note that when switching between policies at runtime LRU"
            + " and LFU data will take some time to adjust.");
    private static final Reply IDLETIME_NOT_TRACKED = Reply.error("ERR An LFU maxmemory policy is selected,"
            + " idle time not tracked. Please note that when switching between policies at runtime LRU"
            + " and LFU data will take some time to adjust.");
    private static final List<String> HELP = List.of(
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.");

    static void register(CommandRegistry r) {
        r.register("object", ObjectCommand::object);
    }

    /** Resolves the subcommand (see {@link CommandContext#subcommandRefusal}), then answers it. */
    static Reply object(CommandContext ctx) {
        Reply refused = ctx.subcommandRefusal(OBJECT);
        if (refused != null) return refused;
        CommandSpec sub = OBJECT.subcommand(CommandContext.lowerName(ctx.argv[1]));
        if (sub.name().equals("help")) return ctx.help(HELP);
        RedisValue v = ctx.peek(ctx.key(2));
        if (v == null) return Reply.NULL;
        MemoryPolicy policy = ctx.engine.memoryPolicy();
        switch (sub.name()) {
            case "encoding": return Reply.bulk(v.encoding());
            case "refcount": return Reply.integer(refcount(v));
            case "idletime":
                if (policy.policy().lfu()) return IDLETIME_NOT_TRACKED;
                return Reply.integer(AccessClock.idleMs(v, ctx.nowMs) / 1000);
            default:
                if (!policy.policy().lfu()) return FREQ_NOT_TRACKED;
                return Reply.integer(AccessClock.frequency(v, ctx.nowMs, policy));
        }
    }

    /** Redis shares the integers 0..9999 that strings are encoded as; everything else has one owner. */
    private static long refcount(RedisValue v) {
        if (v instanceof StringValue s && v.encoding().equals("int")) {
            long n = CommandContext.parseLong(s.bytes());
            if (n >= 0 && n < SHARED_INTEGERS) return SHARED_REFCOUNT;
        }
        return 1;
    }
}
