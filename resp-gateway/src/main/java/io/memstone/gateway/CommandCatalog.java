package io.memstone.gateway;

import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import io.memstone.engine.Engine;
import io.memstone.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The commands this server implements: Redis' specs, filtered to those the gateway answers
 * (registered here by the command families) or the engine executes. A command in Redis' table
 * that neither implements is reported as unknown, here and by COMMAND.
 */
final class CommandCatalog {
    private final CommandTable table;
    private final Map<String, Registered> local = new HashMap<>();

    /** A gateway command and whether it must wait for earlier writes (READ) or not (LOCAL). */
    record Registered(Invocation.Kind kind, LocalCommand command) {}

    CommandCatalog(CommandTable table) {
        this.table = table;
    }

    void sync(String fullName, LocalCommand.Sync command) {
        register(fullName, Invocation.Kind.LOCAL,
                (session, argv) -> CompletableFuture.completedFuture(command.run(session, argv)));
    }

    void register(String fullName, Invocation.Kind kind, LocalCommand command) {
        local.put(fullName, new Registered(kind, command));
    }

    Registered local(CommandSpec spec) {
        return local.get(spec.fullName());
    }

    /**
     * Whether the command is served, by the gateway or by the engine; a container (CLIENT)
     * is when any of its subcommands is.
     */
    boolean implemented(CommandSpec spec) {
        return local.containsKey(spec.fullName()) || Engine.handles(topName(spec))
                || spec.subcommands().values().stream().anyMatch(this::implemented);
    }

    /** Implemented top-level commands, in name order. */
    List<CommandSpec> commands() {
        return table.all().values().stream().filter(this::implemented).toList();
    }

    /** Implemented subcommands of a container, in name order. */
    List<CommandSpec> subcommands(CommandSpec container) {
        return container.subcommands().values().stream().filter(this::implemented).toList();
    }

    /** A command by name as COMMAND INFO/DOCS take it: {@code get} or {@code client|id}; null if not served. */
    CommandSpec byFullName(String name) {
        String[] parts = name.split("\\|", -1);
        CommandSpec spec = parts.length > 2 ? null : table.lookup(parts[0]);
        if (spec != null && parts.length == 2) spec = spec.subcommand(parts[1]);
        return spec != null && implemented(spec) ? spec : null;
    }

    /** The spec a request names, or the error to answer instead. */
    record Resolution(CommandSpec spec, Reply error) {}

    /**
     * Redis' lookupCommand: the top-level command, or its subcommand when it has subcommands
     * and argv has a second word.
     */
    Resolution resolve(byte[][] argv) {
        CommandSpec base = table.lookup(new String(argv[0], StandardCharsets.UTF_8));
        if (base == null || !implemented(base)) return new Resolution(null, GatewayErrors.unknownCommand(argv));
        if (argv.length == 1 || base.subcommands().isEmpty()) return new Resolution(base, null);
        CommandSpec sub = base.subcommand(new String(argv[1], StandardCharsets.UTF_8));
        if (sub == null || !implemented(sub)) return new Resolution(null, GatewayErrors.unknownSubcommand(argv));
        return new Resolution(sub, null);
    }

    private static String topName(CommandSpec spec) {
        int bar = spec.fullName().indexOf('|');
        return bar < 0 ? spec.fullName() : spec.fullName().substring(0, bar);
    }
}
