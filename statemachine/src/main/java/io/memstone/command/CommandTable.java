package io.memstone.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every Redis command's spec, loaded from the JSON files Redis generates its command table
 * from (bundled under {@code io/memstone/commands/}). Data, not code: arity, flags and key
 * positions checked by the gateway, reported by COMMAND INFO/DOCS.
 */
public final class CommandTable {
    private static final String DIR = "io/memstone/commands/";
    private static final CommandTable REDIS = load();

    private final Map<String, CommandSpec> commands;

    private CommandTable(Map<String, CommandSpec> commands) {
        this.commands = Collections.unmodifiableMap(commands);
    }

    /** The table of Redis 7 commands. */
    public static CommandTable redis() {
        return REDIS;
    }

    public CommandSpec lookup(String name) {
        return commands.get(name.toLowerCase(Locale.ROOT));
    }

    /** Top-level commands by lower-case name, in name order. */
    public Map<String, CommandSpec> all() {
        return commands;
    }

    private static CommandTable load() {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> top = new TreeMap<>();
        Map<String, Map<String, JsonNode>> subs = new TreeMap<>();
        for (String file : indexLines()) {
            JsonNode doc = readJson(json, DIR + file);
            doc.fields().forEachRemaining(e -> {
                String name = e.getKey().toLowerCase(Locale.ROOT);
                JsonNode spec = e.getValue();
                if (spec.has("container")) {
                    subs.computeIfAbsent(spec.get("container").asText().toLowerCase(Locale.ROOT),
                            k -> new TreeMap<>()).put(name, spec);
                } else {
                    top.put(name, spec);
                }
            });
        }
        Map<String, CommandSpec> commands = new LinkedHashMap<>();
        top.forEach((name, spec) -> {
            Map<String, CommandSpec> children = new LinkedHashMap<>();
            subs.getOrDefault(name, Map.of()).forEach((sub, subSpec) ->
                    children.put(sub, parse(sub, name + "|" + sub, subSpec, Map.of())));
            commands.put(name, parse(name, name, spec, children));
        });
        return new CommandTable(commands);
    }

    private static CommandSpec parse(String name, String fullName, JsonNode spec,
                                     Map<String, CommandSpec> subcommands) {
        Set<String> flags = new HashSet<>();
        spec.path("command_flags").forEach(f -> flags.add(f.asText()));
        List<KeySpec> keySpecs = new ArrayList<>();
        spec.path("key_specs").forEach(ks -> {
            KeySpec parsed = parseKeySpec(ks);
            if (parsed != null) keySpecs.add(parsed);
        });
        return new CommandSpec(name, fullName, spec.path("arity").asInt(), Set.copyOf(flags),
                List.copyOf(keySpecs), Collections.unmodifiableMap(subcommands), spec);
    }

    private static KeySpec parseKeySpec(JsonNode ks) {
        JsonNode bs = ks.path("begin_search");
        JsonNode fk = ks.path("find_keys");
        KeySpec.BeginSearch begin;
        if (bs.has("index")) {
            begin = new KeySpec.BeginSearch(bs.path("index").path("pos").asInt(), null, 0);
        } else if (bs.has("keyword")) {
            JsonNode kw = bs.path("keyword");
            begin = new KeySpec.BeginSearch(0, kw.path("keyword").asText(), kw.path("startfrom").asInt());
        } else {
            return null;
        }
        KeySpec.FindKeys find;
        if (fk.has("range")) {
            JsonNode r = fk.path("range");
            find = new KeySpec.FindKeys(true, r.path("lastkey").asInt(), r.path("step").asInt(),
                    r.path("limit").asInt(), 0, 0);
        } else if (fk.has("keynum")) {
            JsonNode k = fk.path("keynum");
            find = new KeySpec.FindKeys(false, 0, k.path("step").asInt(), 0,
                    k.path("keynumidx").asInt(), k.path("firstkey").asInt());
        } else {
            return null;
        }
        Set<String> flags = new HashSet<>();
        ks.path("flags").forEach(f -> flags.add(f.asText()));
        return new KeySpec(begin, find, flags.contains("ACCESS"),
                flags.contains("INSERT") || flags.contains("DELETE") || flags.contains("UPDATE"), flags.contains("NOT_KEY"));
    }

    private static List<String> indexLines() {
        List<String> lines = new ArrayList<>();
        try (InputStream in = resource(DIR + "index.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                if (!l.isBlank()) lines.add(l.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static JsonNode readJson(ObjectMapper json, String path) {
        try (InputStream in = resource(path)) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read command spec " + path, e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = CommandTable.class.getClassLoader().getResourceAsStream(path);
        if (in == null) throw new IllegalStateException("missing resource " + path);
        return in;
    }
}
