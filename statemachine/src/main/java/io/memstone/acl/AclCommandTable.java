package io.memstone.acl;

import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands ACL rules name, each with an id (a bit in a selector's allowed set): every
 * command of the command table but Sentinel's, each container followed by its subcommands.
 * One id past the last, {@link #future()}, stands for commands added later, as Redis' reserved
 * bit does: only {@code +@all} sets it.
 */
public final class AclCommandTable {
    private static final AclCommandTable REDIS = new AclCommandTable(CommandTable.redis());

    private final List<CommandSpec> commands = new ArrayList<>();
    private final List<Integer> parents = new ArrayList<>();
    private final List<Long> categories = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();

    AclCommandTable(CommandTable table) {
        for (CommandSpec top : table.all().values()) {
            if (top.flags().contains("ONLY_SENTINEL")) continue;
            int id = add(top, -1);
            for (CommandSpec sub : top.subcommands().values()) add(sub, id);
        }
    }

    public static AclCommandTable redis() {
        return REDIS;
    }

    private int add(CommandSpec spec, int parent) {
        int id = commands.size();
        commands.add(spec);
        parents.add(parent);
        categories.add(AclCategories.mask(spec));
        ids.put(spec.fullName(), id);
        return id;
    }

    int size() {
        return commands.size();
    }

    /** The id no command has, set by {@code +@all} so that it also allows commands added later. */
    int future() {
        return commands.size();
    }

    CommandSpec spec(int id) {
        return commands.get(id);
    }

    /** The command's id; -1 for a command ACLs do not know. */
    int id(CommandSpec spec) {
        return ids.getOrDefault(spec.fullName(), -1);
    }

    boolean isSubcommand(int id) {
        return parents.get(id) >= 0;
    }

    boolean hasSubcommands(int id) {
        return !commands.get(id).subcommands().isEmpty();
    }

    /** The ids of a container's subcommands, which follow it. */
    List<Integer> subcommands(int id) {
        List<Integer> subs = new ArrayList<>();
        for (int i = id + 1; i < commands.size() && parents.get(i) == id; i++) subs.add(i);
        return subs;
    }

    boolean inCategory(int id, int category) {
        return (categories.get(id) & (1L << category)) != 0;
    }

    /**
     * Redis' ACLLookupCommand: {@code get} or {@code config|get}; a second part only for a
     * container, and no third. -1 if there is no such command.
     */
    int lookup(String name) {
        String[] parts = name.toLowerCase(java.util.Locale.ROOT).split("\\|", -1);
        if (parts.length > 2) return -1;
        Integer base = ids.get(parts[0]);
        if (base == null || isSubcommand(base)) return -1;
        if (parts.length == 1) return base;
        if (!hasSubcommands(base)) return -1;
        return ids.getOrDefault(parts[0] + "|" + parts[1], -1);
    }

    /** Full names of the commands in a category (ACL CAT), containers before their subcommands. */
    public List<String> namesIn(int category) {
        List<String> names = new ArrayList<>();
        for (int id = 0; id < commands.size(); id++) {
            if (inCategory(id, category)) names.add(commands.get(id).fullName());
        }
        return names;
    }
}
