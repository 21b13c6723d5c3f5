package io.memstone.engine;

/** Keyspace-wide server commands: DBSIZE, FLUSHALL, FLUSHDB. */
final class ServerCommands {
    private ServerCommands() {}

    static void register(CommandRegistry r) {
        r.register("dbsize", ServerCommands::dbsize);
        r.register("flushall", ServerCommands::flushall);
        r.register("flushdb", ServerCommands::flushdb);
    }

    static Reply dbsize(CommandContext ctx) {
        return Reply.integer(ctx.keyspace.size());
    }

    static Reply flushall(CommandContext ctx) {
        return flushGeneric(ctx);
    }

    /** One database per shard, so FLUSHDB and FLUSHALL empty the same keyspace. */
    static Reply flushdb(CommandContext ctx) {
        return flushGeneric(ctx);
    }

    /** Accepts SYNC or ASYNC (both flush at once here); anything else is a syntax error. */
    private static Reply flushGeneric(CommandContext ctx) {
        if (ctx.argc() > 2) return Errors.SYNTAX;
        if (ctx.argc() == 2 && !ctx.option(1).equals("sync") && !ctx.option(1).equals("async")) {
            return Errors.SYNTAX;
        }
        ctx.keyspace.clear(ctx.nowMs);
        return Reply.OK;
    }
}
