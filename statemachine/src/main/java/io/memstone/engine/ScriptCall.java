package io.memstone.engine;

import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import io.memstone.command.Slots;
import io.memstone.engine.script.ScriptErrors;
import io.memstone.engine.script.ScriptHost;
import io.memstone.engine.script.Shebang;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One run of a script or function (EVAL, FCALL): Redis 7.0's scriptPrepareForRun checks of its
 * flags, then, as the {@link ScriptHost} it calls, the commands it runs with scriptCall's
 * checks, in the context of the command that started it.
 */
final class ScriptCall implements ScriptHost {
    private static final int NO_SLOT = -1;
    /** A script flagged allow-cross-slot-keys: keys of any slot (it answers for where they live). */
    private static final int ANY_SLOT = -2;
    private static final Reply NO_CLUSTER = Reply.error("ERR Can not run script on cluster, 'no-cluster' flag is set.");
    private static final Reply WRITE_FLAG_WITH_RO =
            Reply.error("ERR Can not execute a script with write flag using *_ro command.");
    /** Commands the gateway answers elsewhere that scripts may call; their replies come from the entry. */
    private static final Map<String, CommandHandler> SCRIPT_ONLY = Map.of(
            "ping", ScriptCall::ping,
            "echo", ctx -> Reply.bulk(ctx.argv[1]),
            "time", ScriptCall::time);

    /** The Lua side of a run: the script or function, given its keys, arguments, host and seed. */
    @FunctionalInterface
    interface Body {
        Reply run(List<byte[]> keys, List<byte[]> args, ScriptHost host, long seed);
    }

    private final CommandContext script;
    private final boolean readOnlyScript;
    /** The slot every key must hash to, as in Redis Cluster: the declared keys', else the first touched. */
    private int slot;

    private ScriptCall(CommandContext script, boolean readOnlyScript, int slot) {
        this.script = script;
        this.readOnlyScript = readOnlyScript;
        this.slot = slot;
    }

    /**
     * Runs {@code body} for the command in {@code ctx} (its keys at 3, {@code numkeys} of them,
     * then its arguments) after the checks of its flags; a _RO command runs it read-only.
     */
    static Reply run(CommandContext ctx, Shebang shebang, int numkeys, Body body) {
        boolean roCommand = ctx.name().endsWith("_ro");
        if (shebang.has(Shebang.NO_CLUSTER) && !ctx.anySlot) return NO_CLUSTER;
        if (shebang.declared() && roCommand && !shebang.has(Shebang.NO_WRITES)) return WRITE_FLAG_WITH_RO;
        int firstArg = 3 + numkeys;
        List<byte[]> keys = Arrays.asList(ctx.argv).subList(3, firstArg);
        List<byte[]> args = Arrays.asList(ctx.argv).subList(firstArg, ctx.argc());
        int slot = shebang.has(Shebang.ALLOW_CROSS_SLOT_KEYS) || ctx.anySlot ? ANY_SLOT
                : keys.isEmpty() ? NO_SLOT : Slots.slot(keys.get(0));
        ScriptCall host = new ScriptCall(ctx, roCommand || shebang.has(Shebang.NO_WRITES), slot);
        return body.run(keys, args, host, ctx.random.nextLong());
    }

    @Override
    public Reply call(byte[][] argv) {
        String name = CommandContext.lowerName(argv[0]);
        CommandSpec spec = CommandTable.redis().lookup(name);
        if (spec == null) return ScriptErrors.UNKNOWN_COMMAND;
        if (!spec.arityMatches(argv.length)) return ScriptErrors.WRONG_ARGS;
        CommandSpec sub = argv.length > 1 ? spec.subcommand(CommandContext.lowerName(argv[1])) : null;
        CommandSpec resolved = sub != null ? sub : spec;
        CommandHandler scriptOnly = SCRIPT_ONLY.get(name);
        CommandRegistry.Entry entry = Engine.registry().lookup(name);
        if (resolved.flags().contains("NOSCRIPT") || (entry == null && scriptOnly == null)) {
            return ScriptErrors.NOT_ALLOWED;
        }
        if (readOnlyScript && resolved.isWrite()) return ScriptErrors.WRITE_IN_READ_ONLY;
        Reply misplaced = checkSlot(argv, resolved.keyPositions(argv));
        if (misplaced != null) return misplaced;
        CommandContext ctx = new CommandContext(script.engine, script.nowMs, script.random, script.readOnly, script.anySlot);
        ctx.fromScript = true;
        if (scriptOnly == null) return script.engine.execute(argv, ctx);
        ctx.setCommand(argv, false);
        return scriptOnly.execute(ctx);
    }

    /**
     * Keys of another slot may live on another shard: writing them here would hide them
     * from everyone else, so Redis Cluster's errors refuse them.
     */
    private Reply checkSlot(byte[][] argv, int[] keyPositions) {
        if (keyPositions.length == 0 || slot == ANY_SLOT) return null;
        int touched = Slots.slotOf(argv, keyPositions);
        if (touched == Slots.CROSS_SLOT) return ScriptErrors.NON_LOCAL_KEY;
        if (slot == NO_SLOT) slot = touched;
        return touched == slot ? null : ScriptErrors.OTHER_SLOT;
    }

    private static Reply ping(CommandContext ctx) {
        return ctx.argc() == 1 ? Reply.PONG : ctx.argc() == 2 ? Reply.bulk(ctx.argv[1]) : Errors.wrongArity("ping");
    }

    /** The entry's time, so replicas agree: seconds and microseconds, as bulk strings. */
    private static Reply time(CommandContext ctx) {
        return Reply.array(List.of(Reply.bulk(Long.toString(Math.floorDiv(ctx.nowMs, 1000))),
                Reply.bulk(Long.toString(Math.floorMod(ctx.nowMs, 1000) * 1000))));
    }
}
