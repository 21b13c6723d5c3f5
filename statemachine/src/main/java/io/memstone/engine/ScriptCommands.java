package io.memstone.engine;

import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import io.memstone.engine.script.LuaScripts;
import io.memstone.engine.script.ScriptErrors;
import io.memstone.engine.script.Shebang;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * EVAL, EVALSHA, their _RO forms and SCRIPT, after Redis 7.0's eval.c. A script runs inside the
 * command that names it, so within one log entry, with the entry's time and a seed drawn from
 * the entry's: every replica computes the same effects. The Lua side is
 * {@link io.memstone.engine.script}; this class parses arguments, {@link ScriptCall} runs the
 * commands a script calls.
 */
final class ScriptCommands {
    private static final CommandSpec SCRIPT = CommandTable.redis().lookup("script");
    private static final int SHA_LENGTH = 40;
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
        if (numkeys > ctx.argc() - 3) return ScriptErrors.TOO_MANY_KEYS;
        if (numkeys < 0) return ScriptErrors.NEGATIVE_KEYS;
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
        return ScriptCall.run(ctx, shebang, (int) numkeys, (keys, args, host, seed) -> scripts.run(sha, keys, args, host, seed));
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
}
