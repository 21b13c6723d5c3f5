package io.memstone.engine;

import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Lower-case command name to implementation; each command family registers its own. */
final class CommandRegistry {
    /**
     * A command the engine runs; arity as Redis writes it (n exact, -n at least n). A container
     * that writes (XGROUP) may have read-only subcommands (HELP), named in {@code readOnlySubs}.
     */
    record Entry(String name, int arity, boolean readOnly, CommandHandler handler, Set<String> readOnlySubs) {
        boolean arityMatches(int argc) {
            return arity >= 0 ? argc == arity : argc >= -arity;
        }

        /** Whether this call changes nothing: the command's flag, or its subcommand's. */
        boolean readOnly(byte[][] argv) {
            return readOnly || (argv.length > 1 && readOnlySubs.contains(CommandContext.lowerName(argv[1])));
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();

    static CommandRegistry standard() {
        CommandRegistry r = new CommandRegistry();
        StringCommands.register(r);
        KeyCommands.register(r);
        ListCommands.register(r);
        SetCommands.register(r);
        HyperLogLogCommands.register(r);
        BitmapCommands.register(r);
        DumpCommands.register(r);
        HashCommands.register(r);
        ZSetCommands.register(r);
        ServerCommands.register(r);
        InternalCommands.register(r);
        TransactionCommands.register(r);
        SlotCommands.register(r);
        ScriptCommands.register(r);
        FunctionCommands.register(r);
        StreamCommands.register(r);
        return r;
    }

    /**
     * A Redis command: arity and read-only flag come from its spec. A container (OBJECT) has
     * no flags of its own: it is read-only when none of its subcommands writes.
     */
    void register(String name, CommandHandler handler) {
        CommandSpec spec = CommandTable.redis().lookup(name);
        if (spec == null) throw new IllegalArgumentException("no Redis command spec for " + name);
        boolean readOnly = spec.subcommands().isEmpty() ? spec.isReadOnly()
                : spec.subcommands().values().stream().noneMatch(CommandSpec::isWrite);
        Set<String> readOnlySubs = spec.subcommands().values().stream().filter(s -> !s.isWrite())
                .map(CommandSpec::name).collect(Collectors.toUnmodifiableSet());
        entries.put(name, new Entry(name, spec.arity(), readOnly, handler, readOnlySubs));
    }

    /** A command of Memstone's own, which has no Redis spec. */
    void registerInternal(String name, int arity, boolean readOnly, CommandHandler handler) {
        entries.put(name, new Entry(name, arity, readOnly, handler, Set.of()));
    }

    Entry lookup(String name) {
        return entries.get(name);
    }
}
