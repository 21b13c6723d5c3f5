package io.memstone.engine;

/** One command's implementation: reads its arguments from the context, returns its reply. */
@FunctionalInterface
interface CommandHandler {
    Reply execute(CommandContext ctx);
}
