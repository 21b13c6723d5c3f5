package io.memstone.engine;

import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import io.memstone.command.Slots;
import io.memstone.engine.script.LuaScripts;
import io.memstone.engine.script.ScriptErrors;
import io.memstone.engine.script.ScriptHost;
import io.memstone.engine.script.Shebang;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * EVAL, EVALSHA, their _RO forms and SCRIPT, after Redis 7.0's eval.c. A script runs inside the
 * command that names it, so within one log entry, with the entry's time and a seed drawn from
 * the entry's: every replica computes the same effects. The Lua side is
 * {@link io.memstone.engine.script}; this class parses arguments and runs the commands a script
 * calls, with Redis' checks (scriptCall).
 */
final class ScriptCommands {
    private static final CommandSpec SCRIPT = CommandTable.redis().lookup("script");
    private static final int SHA_LENGTH = 40;
    private static final int NO_SLOT = -1;
    /** A script flagged allow-cross-slot-keys: keys of any slot (it answers for where they live). */
    private static final int ANY_SLOT = -2;
    private static final Reply NO_CLUSTER = Reply.error("ERR Can not run script on cluster, 'no-cluster' flag is set.");
    private static final Reply WRITE_FLAG_WITH_RO =
            Reply.error("ERR Can not execute a script with write flag using *_ro command.");
    /** The specs are of a later Redis (SCRIPT SHOW); 7.0 does not know the others. */
    private static final Set<String> REDIS_7_0_SUBCOMMANDS = Set.of("load", "exists", "flush", "kill", "help", "debug");
    private static final Reply DEBUG_USAGE = Reply.error("ERR Use SCRIPT DEBUG YES/SYNC/NO");
    private static final Reply DEBUG_UNSUPPORTED = Reply.error("ERR SCRIPT DEBUG is not supported: scripts run in the replicated log");
    private static final List<String> HELP = List.of(
            "DEBUG (YES|SYNC|NO)",
            "    Set the debug mode for subsequent scripts executed.",
            "EXISTS <sha1> [<sha1> ...]",
            "    Return information about the existence of the scripts in the script cache.",
            "FLUSH [ASYNC|SYNC]",
            "    Flush the Lua scripts cache. Very dangerous on replicas.",
            "    When called without the optional mode argument, the behavior is determined by the",
            "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
            "    * ASYNC: Asynchronously flush the scripts cache.",
            "    * SYNC: Synchronously flush the scripts cache.",
            "KILL",
            "    Kill the currently executing Lua script.",
            "LOAD <script>",
            "    Load a script into the scripts cache without executing it.");
    private static final Reply NOT_BUSY = Reply.error("NOTBUSY No scripts in execution right now.");
    private static final Reply FLUSH_OPTION = Reply.error("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
    private static final Reply TOO_MANY_KEYS = Reply.error("ERR Number of keys can't be greater than number of args");
    private static final Reply NEGATIVE_KEYS = Reply.error("ERR Number of keys can't be negative");
    /** Commands the gateway answers elsewhere that scripts may call; their replies come from the entry. */
    private static final Map<String, CommandHandler> SCRIPT_ONLY = Map.of(
            "ping", ScriptCommands::ping,
            "echo", ctx -> Reply.bulk(ctx.argv[1]),
            "time", ScriptCommands::time);

    private ScriptCommands() {}

    static void register(CommandRegistry r) {
        r.register("eval", ctx -> eval(ctx, false));
        r.register("eval_ro", ctx -> eval(ctx, false));
        r.register("evalsha", ctx -> eval(ctx, true));
        r.register("evalsha_ro", ctx -> eval(ctx, true));
        r.register("script", ScriptCommands::script);
    }

    /** evalGenericCommand: numkeys, then the script by body (cached on the way) or by sha. */
    private static Reply eval(CommandContext ctx, boolean bySha) {
        if (bySha && ctx.argv[1].length != SHA_LENGTH) return ScriptErrors.NOSCRIPT;
        long numkeys = ctx.longArg(2);
        if (numkeys > ctx.argc() - 3) return TOO_MANY_KEYS;
        if (numkeys < 0) return NEGATIVE_KEYS;
        LuaScripts scripts = ctx.engine.scripts();
        String sha;
        if (bySha) {
            sha = new String(ctx.argv[1], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        } else {
            LuaScripts.Loaded loaded = scripts.load(ctx.argv[1]);
            if (loaded.error() != null) return loaded.error();
            sha = loaded.sha();
        }
        Shebang shebang = scripts.shebang(sha);
        if (shebang == null) return ScriptErrors.NOSCRIPT;
        boolean roCommand = ctx.name().endsWith("_ro");
        if (shebang.has(Shebang.NO_CLUSTER)) return NO_CLUSTER;
        if (shebang.declared() && roCommand && !shebang.has(Shebang.NO_WRITES)) return WRITE_FLAG_WITH_RO;
        int firstArg = 3 + (int) numkeys;
        List<byte[]> keys = Arrays.asList(ctx.argv).subList(3, firstArg);
        List<byte[]> args = Arrays.asList(ctx.argv).subList(firstArg, ctx.argc());
        int slot = shebang.has(Shebang.ALLOW_CROSS_SLOT_KEYS) ? ANY_SLOT
                : keys.isEmpty() ? NO_SLOT : Slots.slot(keys.get(0));
        ScriptCall host = new ScriptCall(ctx, roCommand || shebang.has(Shebang.NO_WRITES), slot);
        return scripts.run(sha, keys, args, host, ctx.random.nextLong());
    }

    /** The commands one script run calls: scriptCall's checks, then the command in the script's context. */
    private static final class ScriptCall implements ScriptHost {
        private final CommandContext script;
        private final boolean readOnlyScript;
        /** The slot every key must hash to, as in Redis Cluster: the declared keys', else the first touched. */
        private int slot;

        ScriptCall(CommandContext script, boolean readOnlyScript, int slot) {
            this.script = script;
            this.readOnlyScript = readOnlyScript;
            this.slot = slot;
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
            CommandContext ctx = new CommandContext(script.engine, script.nowMs, script.random, script.readOnly);
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
    }

    private static Reply script(CommandContext ctx) {
        CommandSpec sub = SCRIPT.subcommand(CommandContext.lowerName(ctx.argv[1]));
        if (sub == null || !REDIS_7_0_SUBCOMMANDS.contains(sub.name())) return Errors.unknownSubcommand(ctx.argv);
        if (!sub.arityMatches(ctx.argc())) return Errors.wrongArity(sub.fullName());
        LuaScripts scripts = ctx.engine.scripts();
        switch (sub.name()) {
            case "load": {
                if (ctx.readOnly) return Errors.writeOnReadPath(sub.fullName());
                LuaScripts.Loaded loaded = scripts.load(ctx.argv[2]);
                return loaded.error() != null ? loaded.error() : Reply.bulk(loaded.sha());
            }
            case "exists": {
                List<Reply> found = new ArrayList<>();
                for (int i = 2; i < ctx.argc(); i++) {
                    found.add(scripts.exists(new String(ctx.argv[i], StandardCharsets.ISO_8859_1)) ? Reply.ONE : Reply.ZERO);
                }
                return Reply.array(found);
            }
            case "flush": {
                if (ctx.argc() > 3 || (ctx.argc() == 3 && !ctx.option(2).equals("sync") && !ctx.option(2).equals("async"))) {
                    return FLUSH_OPTION;
                }
                if (ctx.readOnly) return Errors.writeOnReadPath(sub.fullName());
                scripts.flush();
                return Reply.OK;
            }
            case "help":
                return ctx.help(HELP);
            case "debug":
                return debug(ctx);
            default:
                // KILL: a script never outlives its instruction budget, and runs inside one log
                // entry: there is never one in execution to kill.
                return NOT_BUSY;
        }
    }

    /** Debugging forks a session with the client: nothing a replicated log entry can do. */
    private static Reply debug(CommandContext ctx) {
        switch (ctx.option(2)) {
            case "no": return Reply.OK;
            case "yes": case "sync": return DEBUG_UNSUPPORTED;
            default: return DEBUG_USAGE;
        }
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
