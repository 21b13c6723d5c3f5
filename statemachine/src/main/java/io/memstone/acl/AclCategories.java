package io.memstone.acl;

import io.memstone.command.CommandSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Redis' ACL command categories, in the order ACL CAT and COMMAND INFO list them, and which
 * of them a command belongs to: those its spec declares plus those Redis implies from its
 * flags (setImplicitACLCategories).
 */
public final class AclCategories {
    public static final List<String> NAMES = List.of("keyspace", "read", "write", "set", "sortedset",
            "list", "hash", "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow",
            "blocking", "dangerous", "connection", "transaction", "scripting");

    private AclCategories() {}

    /** The category's position in {@link #NAMES}, case-insensitively; -1 if there is none. */
    public static int index(String name) {
        return NAMES.indexOf(name.toLowerCase(Locale.ROOT));
    }

    /** The command's categories, in {@link #NAMES} order. */
    public static List<String> of(CommandSpec spec) {
        Set<String> declared = new HashSet<>();
        spec.raw().path("acl_categories").forEach(c -> declared.add(c.asText().toLowerCase(Locale.ROOT)));
        Set<String> flags = spec.flags();
        if (flags.contains("WRITE")) declared.add("write");
        if (flags.contains("READONLY") && !declared.contains("scripting")) declared.add("read");
        if (flags.contains("ADMIN")) {
            declared.add("admin");
            declared.add("dangerous");
        }
        if (flags.contains("PUBSUB")) declared.add("pubsub");
        if (flags.contains("FAST")) declared.add("fast");
        if (flags.contains("BLOCKING")) declared.add("blocking");
        if (!declared.contains("fast")) declared.add("slow");
        List<String> ordered = new ArrayList<>();
        for (String c : NAMES) {
            if (declared.contains(c)) ordered.add(c);
        }
        return ordered;
    }

    /** The command's categories as a bit mask, bit i for {@code NAMES.get(i)}. */
    static long mask(CommandSpec spec) {
        long mask = 0;
        for (String c : of(spec)) mask |= 1L << NAMES.indexOf(c);
        return mask;
    }
}
