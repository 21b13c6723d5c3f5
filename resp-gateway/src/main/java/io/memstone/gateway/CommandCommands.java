package io.memstone.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.memstone.acl.AclCategories;
import io.memstone.command.CommandSpec;
import io.memstone.engine.Errors;
import io.memstone.engine.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * COMMAND, COMMAND COUNT / INFO / DOCS / LIST, built from the command specs in the layout
 * redis-server 7.0 replies with (server.c addReplyCommandInfo / addReplyCommandDocs), listing
 * only the commands this server implements.
 */
final class CommandCommands {
    /** Redis' order of command flags in COMMAND INFO; flags it hides (may_replicate...) are left out. */
    private static final List<String> FLAG_ORDER = List.of("write", "readonly", "denyoom", "module", "admin",
            "pubsub", "noscript", "blocking", "loading", "stale", "skip_monitor", "skip_slowlog", "asking",
            "fast", "no_auth", "no_mandatory_keys", "no_async_loading", "no_multi", "movablekeys", "allow_busy");
    /** Key spec flags in Redis' order; the access kinds are upper case, the rest lower. */
    private static final List<String> KEY_FLAG_ORDER = List.of("RO", "RW", "OW", "RM", "ACCESS", "UPDATE",
            "INSERT", "DELETE", "NOT_KEY", "INCOMPLETE", "VARIABLE_FLAGS");
    private static final Set<String> UPPER_KEY_FLAGS = Set.of("RO", "RW", "OW", "RM");

    private final CommandCatalog catalog;

    CommandCommands(CommandCatalog catalog) {
        this.catalog = catalog;
    }

    void register(CommandCatalog catalog) {
        catalog.sync("command", (s, argv) -> Reply.array(catalog.commands().stream().map(this::info).toList()));
        catalog.sync("command|count", (s, argv) -> Reply.integer(catalog.commands().size()));
        catalog.sync("command|info", this::infoCommand);
        catalog.sync("command|docs", this::docsCommand);
        catalog.sync("command|list", this::list);
    }

    Reply infoCommand(ClientSession session, byte[][] argv) {
        if (argv.length == 2) return Reply.array(catalog.commands().stream().map(this::info).toList());
        List<Reply> infos = new ArrayList<>();
        for (int i = 2; i < argv.length; i++) {
            CommandSpec spec = catalog.byFullName(Args.text(argv[i]));
            infos.add(spec == null ? Reply.NULL : info(spec));
        }
        return Reply.array(infos);
    }

    Reply docsCommand(ClientSession session, byte[][] argv) {
        List<CommandSpec> specs = new ArrayList<>();
        if (argv.length == 2) specs.addAll(catalog.commands());
        for (int i = 2; i < argv.length; i++) {
            CommandSpec spec = catalog.byFullName(Args.text(argv[i]));
            if (spec != null) specs.add(spec);
        }
        List<Reply> map = new ArrayList<>();
        for (CommandSpec spec : specs) {
            map.add(Reply.bulk(spec.fullName()));
            map.add(docs(spec));
        }
        return new Reply.MapReply(map);
    }

    /** Every command name, subcommands as {@code container|sub}; FILTERBY is not supported yet. */
    Reply list(ClientSession session, byte[][] argv) {
        if (argv.length > 2) return Errors.SYNTAX;
        List<Reply> names = new ArrayList<>();
        for (CommandSpec spec : catalog.commands()) {
            names.add(Reply.bulk(spec.fullName()));
            catalog.subcommands(spec).forEach(sub -> names.add(Reply.bulk(sub.fullName())));
        }
        return Reply.array(names);
    }

    /** name, arity, flags, first key, last key, step, ACL categories, tips, key specs, subcommands. */
    Reply info(CommandSpec spec) {
        JsonNode raw = spec.raw();
        LegacyKeyRange range = LegacyKeyRange.of(raw.path("key_specs"));
        List<Reply> flags = new ArrayList<>();
        for (String flag : FLAG_ORDER) {
            boolean set = flag.equals("movablekeys") ? range.movable() : spec.flags().contains(flag.toUpperCase(Locale.ROOT));
            if (set) flags.add(new Reply.Simple(flag));
        }
        List<Reply> tips = new ArrayList<>();
        raw.path("command_tips").forEach(t -> tips.add(new Reply.Simple(t.asText().toLowerCase(Locale.ROOT))));
        List<Reply> keySpecs = new ArrayList<>();
        raw.path("key_specs").forEach(ks -> keySpecs.add(keySpec(ks)));
        return Reply.array(List.of(
                Reply.bulk(spec.fullName()),
                Reply.integer(spec.arity()),
                new Reply.SetReply(flags),
                Reply.integer(range.first()),
                Reply.integer(range.last()),
                Reply.integer(range.step()),
                new Reply.SetReply(categories(spec)),
                new Reply.SetReply(tips),
                Reply.array(keySpecs),
                Reply.array(catalog.subcommands(spec).stream().map(this::info).toList())));
    }

    private static List<Reply> categories(CommandSpec spec) {
        return AclCategories.of(spec).stream().map(c -> (Reply) new Reply.Simple("@" + c)).toList();
    }

    private static Reply keySpec(JsonNode ks) {
        List<Reply> map = new ArrayList<>();
        if (ks.has("notes")) entry(map, "notes", Reply.bulk(ks.get("notes").asText()));
        Set<String> declared = new java.util.HashSet<>();
        ks.path("flags").forEach(f -> declared.add(f.asText()));
        List<Reply> flags = KEY_FLAG_ORDER.stream().filter(declared::contains)
                .map(f -> (Reply) new Reply.Simple(UPPER_KEY_FLAGS.contains(f) ? f : f.toLowerCase(Locale.ROOT)))
                .toList();
        entry(map, "flags", new Reply.SetReply(flags));
        JsonNode bs = ks.path("begin_search");
        if (bs.has("index")) {
            entry(map, "begin_search", typed("index", "index", integer(bs.path("index"), "pos")));
        } else if (bs.has("keyword")) {
            JsonNode kw = bs.path("keyword");
            entry(map, "begin_search", typed("keyword", "keyword", Reply.bulk(kw.path("keyword").asText()),
                    "startfrom", integer(kw, "startfrom")));
        } else {
            entry(map, "begin_search", typed("unknown"));
        }
        JsonNode fk = ks.path("find_keys");
        if (fk.has("range")) {
            JsonNode r = fk.path("range");
            entry(map, "find_keys", typed("range", "lastkey", integer(r, "lastkey"), "keystep", integer(r, "step"),
                    "limit", integer(r, "limit")));
        } else if (fk.has("keynum")) {
            JsonNode k = fk.path("keynum");
            entry(map, "find_keys", typed("keynum", "keynumidx", integer(k, "keynumidx"),
                    "firstkey", integer(k, "firstkey"), "keystep", integer(k, "step")));
        } else {
            entry(map, "find_keys", typed("unknown"));
        }
        return new Reply.MapReply(map);
    }

    /** {@code {type: T, spec: {k1: v1, ...}}}, the shape of begin_search and find_keys. */
    private static Reply typed(String type, Object... specKeysAndValues) {
        List<Reply> spec = new ArrayList<>();
        for (int i = 0; i < specKeysAndValues.length; i += 2) {
            entry(spec, (String) specKeysAndValues[i], (Reply) specKeysAndValues[i + 1]);
        }
        return new Reply.MapReply(List.of(Reply.bulk("type"), Reply.bulk(type), Reply.bulk("spec"), new Reply.MapReply(spec)));
    }

    /** summary, since, group, complexity, doc_flags, deprecated_since, replaced_by, history, arguments, subcommands. */
    Reply docs(CommandSpec spec) {
        JsonNode raw = spec.raw();
        List<Reply> map = new ArrayList<>();
        for (String field : List.of("summary", "since", "group", "complexity")) optionalText(map, raw, field);
        if (raw.has("doc_flags")) entry(map, "doc_flags", lowerSet(raw.get("doc_flags")));
        optionalText(map, raw, "deprecated_since");
        optionalText(map, raw, "replaced_by");
        if (raw.has("history")) {
            List<Reply> history = new ArrayList<>();
            raw.get("history").forEach(h -> history.add(Reply.array(List.of(
                    Reply.bulk(h.path(0).asText()), Reply.bulk(h.path(1).asText())))));
            entry(map, "history", Reply.array(history));
        }
        if (raw.has("arguments")) entry(map, "arguments", arguments(raw.get("arguments")));
        List<CommandSpec> subs = catalog.subcommands(spec);
        if (!subs.isEmpty()) {
            List<Reply> subDocs = new ArrayList<>();
            subs.forEach(sub -> entry(subDocs, sub.fullName(), docs(sub)));
            entry(map, "subcommands", new Reply.MapReply(subDocs));
        }
        return new Reply.MapReply(map);
    }

    private static Reply arguments(JsonNode args) {
        List<Reply> out = new ArrayList<>();
        for (JsonNode arg : args) {
            List<Reply> map = new ArrayList<>();
            optionalText(map, arg, "name");
            optionalText(map, arg, "type");
            if (arg.has("key_spec_index")) entry(map, "key_spec_index", integer(arg, "key_spec_index"));
            for (String field : List.of("token", "summary", "since", "deprecated_since")) optionalText(map, arg, field);
            List<Reply> flags = new ArrayList<>();
            for (String flag : List.of("optional", "multiple", "multiple_token")) {
                if (arg.path(flag).asBoolean()) flags.add(new Reply.Simple(flag));
            }
            if (!flags.isEmpty()) entry(map, "flags", new Reply.SetReply(flags));
            if (arg.has("arguments")) entry(map, "arguments", arguments(arg.get("arguments")));
            out.add(new Reply.MapReply(map));
        }
        return Reply.array(out);
    }

    private static Reply lowerSet(JsonNode values) {
        List<Reply> set = new ArrayList<>();
        values.forEach(v -> set.add(new Reply.Simple(v.asText().toLowerCase(Locale.ROOT))));
        return new Reply.SetReply(set);
    }

    private static void optionalText(List<Reply> map, JsonNode node, String field) {
        if (node.has(field)) entry(map, field, Reply.bulk(node.get(field).asText()));
    }

    private static Reply integer(JsonNode node, String field) {
        return Reply.integer(node.path(field).asLong());
    }

    private static void entry(List<Reply> map, String key, Reply value) {
        map.add(Reply.bulk(key));
        map.add(value);
    }
}
