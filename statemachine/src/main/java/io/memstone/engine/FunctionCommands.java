package io.memstone.engine;

import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import io.memstone.engine.script.FunctionLibraries;
import io.memstone.engine.script.Library;
import io.memstone.engine.script.LibraryFunction;
import io.memstone.engine.script.ScriptErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * FUNCTION and FCALL/FCALL_RO, after Redis 7.0's functions.c. The libraries are the shard
 * engine's ({@link FunctionLibraries}): FUNCTION LOAD, DELETE, FLUSH and RESTORE are log
 * entries (the gateway sends them to every shard), and FCALL runs a function as EVALSHA runs a
 * script, inside its command's entry.
 */
final class FunctionCommands {
    private static final CommandSpec FUNCTION = CommandTable.redis().lookup("function");
    private static final Reply NOT_FOUND = Reply.error("ERR Function not found");
    private static final Reply BAD_NUMKEYS = Reply.error("ERR Bad number of keys provided");
    private static final Reply FLUSH_OPTION = Reply.error("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
    private static final Reply RESTORE_POLICY =
            Reply.error("ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.");
    private static final Reply NO_LIBRARY_NAME = Reply.error("ERR library name argument was not given");
    private static final Reply NOT_BUSY = Reply.error("NOTBUSY No scripts in execution right now.");
    private static final List<String> HELP = List.of(
            "LOAD [REPLACE] <FUNCTION CODE>",
            "    Create a new library with the given library name and code.",
            "DELETE <LIBRARY NAME>",
            "    Delete the given library.",
            "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
            "    Return general information on all the libraries:",
            "    * Library name",
            "    * The engine used to run the Library",
            "    * Library description",
            "    * Functions list",
            "    * Library code (if WITHCODE is given)",
            "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
            "STATS",
            "    Return information about the current function running:",
            "    * Function name",
            "    * Command used to run the function",
            "    * Duration in MS that the function is running",
            "    If no function is running, return nil",
            "    In addition, returns a list of available engines.",
            "KILL",
            "    Kill the current running function.",
            "FLUSH [ASYNC|SYNC]",
            "    Delete all the libraries.",
            "    When called without the optional mode argument, the behavior is determined by the",
            "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
            "    * ASYNC: Asynchronously flush the libraries.",
            "    * SYNC: Synchronously flush the libraries.",
            "DUMP",
            "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
            "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
            "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
            "    control how to handle existing libraries (default APPEND):",
            "    * FLUSH: delete all existing libraries.",
            "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
            "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
            "      libraries with the new libraries (notice that even on this option there is a chance of failure",
            "      in case of functions name collision with another library).");

    private FunctionCommands() {}

    static void register(CommandRegistry r) {
        r.register("function", FunctionCommands::function);
        r.register("fcall", FunctionCommands::fcall);
        r.register("fcall_ro", FunctionCommands::fcall);
    }

    /** fcallCommandGeneric: the function, then numkeys, then the run as a declared script's. */
    private static Reply fcall(CommandContext ctx) {
        FunctionLibraries libraries = ctx.engine.functions();
        LibraryFunction f = libraries.function(new String(ctx.argv[1], StandardCharsets.UTF_8));
        if (f == null) return NOT_FOUND;
        OptionalLong numkeys = Numbers.string2ll(ctx.argv[2]);
        if (numkeys.isEmpty()) return BAD_NUMKEYS;
        if (numkeys.getAsLong() > ctx.argc() - 3) return ScriptErrors.TOO_MANY_KEYS;
        if (numkeys.getAsLong() < 0) return ScriptErrors.NEGATIVE_KEYS;
        return ScriptCall.run(ctx, f.shebang(), (int) numkeys.getAsLong(),
                (keys, args, host, seed) -> libraries.call(f, keys, args, host, seed));
    }

    private static Reply function(CommandContext ctx) {
        Reply refused = ctx.subcommandRefusal(FUNCTION);
        if (refused != null) return refused;
        FunctionLibraries libraries = ctx.engine.functions();
        switch (ctx.option(1)) {
            case "load": return load(ctx, libraries);
            case "delete": return libraries.delete(new String(ctx.argv[2], StandardCharsets.UTF_8));
            case "flush": {
                if (ctx.argc() > 3) return StreamGroupCommands.subcommandSyntaxError(ctx);
                if (ctx.argc() == 3 && !ctx.option(2).equals("sync") && !ctx.option(2).equals("async")) return FLUSH_OPTION;
                libraries.flush();
                return Reply.OK;
            }
            case "list": return list(ctx, libraries);
            case "stats": return stats(libraries);
            case "dump": return Reply.bulk(libraries.dump());
            case "restore": return restore(ctx, libraries);
            case "help": return ctx.help(HELP);
            default:
                // KILL: a function runs inside its command, and none outlives its budget.
                return NOT_BUSY;
        }
    }

    /** functionLoadCommand: options (REPLACE) up to the last argument, which is the code. */
    private static Reply load(CommandContext ctx, FunctionLibraries libraries) {
        boolean replace = false;
        for (int i = 2; i < ctx.argc() - 1; i++) {
            if (!ctx.option(i).equals("replace")) {
                return Reply.error("ERR Unknown option given: " + new String(ctx.argv[i], 0, CommandContext.cLength(ctx.argv[i]), StandardCharsets.UTF_8));
            }
            replace = true;
        }
        return libraries.load(ctx.argv[ctx.argc() - 1], replace);
    }

    private static Reply restore(CommandContext ctx, FunctionLibraries libraries) {
        if (ctx.argc() > 4) return StreamGroupCommands.subcommandSyntaxError(ctx);
        FunctionLibraries.Policy policy = FunctionLibraries.Policy.APPEND;
        if (ctx.argc() == 4) {
            switch (ctx.option(3)) {
                case "append": break;
                case "replace": policy = FunctionLibraries.Policy.REPLACE; break;
                case "flush": policy = FunctionLibraries.Policy.FLUSH; break;
                default: return RESTORE_POLICY;
            }
        }
        return libraries.restore(ctx.argv[2], policy);
    }

    /** functionListCommand: each library (matching LIBRARYNAME's pattern, in any case) with its functions. */
    private static Reply list(CommandContext ctx, FunctionLibraries libraries) {
        boolean withCode = false;
        byte[] pattern = null;
        for (int i = 2; i < ctx.argc(); i++) {
            String option = ctx.option(i);
            if (!withCode && option.equals("withcode")) {
                withCode = true;
            } else if (pattern == null && option.equals("libraryname")) {
                if (i >= ctx.argc() - 1) return NO_LIBRARY_NAME;
                pattern = lower(ctx.argv[++i]);
            } else {
                return Reply.error("ERR Unknown argument " + new String(ctx.argv[i], 0, CommandContext.cLength(ctx.argv[i]), StandardCharsets.UTF_8));
            }
        }
        List<Reply> out = new ArrayList<>();
        for (Library library : libraries.libraries()) {
            if (pattern != null && !Glob.matches(pattern, lower(library.name().getBytes(StandardCharsets.UTF_8)))) continue;
            List<Reply> fields = new ArrayList<>(List.of(
                    Reply.bulk("library_name"), Reply.bulk(library.name()),
                    Reply.bulk("engine"), Reply.bulk(FunctionLibraries.engine()),
                    Reply.bulk("functions"), Reply.array(library.functions().stream().map(FunctionCommands::describe).toList())));
            if (withCode) fields.addAll(List.of(Reply.bulk("library_code"), Reply.bulk(library.code())));
            out.add(new Reply.MapReply(fields));
        }
        return Reply.array(out);
    }

    private static Reply describe(LibraryFunction f) {
        return new Reply.MapReply(List.of(
                Reply.bulk("name"), Reply.bulk(f.name()),
                Reply.bulk("description"), Reply.bulk(f.description()),
                Reply.bulk("flags"), new Reply.SetReply(f.flags().stream().map(s -> (Reply) new Reply.Simple(s)).toList())));
    }

    /** functionStatsCommand: no function outlives its command here, so none is ever running. */
    private static Reply stats(FunctionLibraries libraries) {
        Reply engine = new Reply.MapReply(List.of(
                Reply.bulk("libraries_count"), Reply.integer(libraries.libraries().size()),
                Reply.bulk("functions_count"), Reply.integer(libraries.functionCount())));
        return new Reply.MapReply(List.of(
                Reply.bulk("running_script"), Reply.NULL,
                Reply.bulk("engines"), new Reply.MapReply(List.of(Reply.bulk(FunctionLibraries.engine()), engine))));
    }

    /** Pattern and name compared as Redis' nocase stringmatchlen does, by lower-casing both. */
    private static byte[] lower(byte[] s) {
        return new String(s, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
    }
}
