package io.memstone.gateway;

import io.memstone.engine.EncodingLimits;
import io.memstone.engine.Errors;
import io.memstone.engine.Glob;
import io.memstone.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * CONFIG GET pattern [pattern ...] / SET name value [name value ...] / RESETSTAT / REWRITE over
 * {@link Parameters}, with redis-server 7.0's matching (globs, any case, aliases) and errors.
 * A change of encoding parameters is then proposed through every shard's log, so that each
 * replica's engine changes at the same index, and is in force once CONFIG SET answers.
 */
final class ConfigCommand {
    static final Reply REWRITE_DISABLED = GatewayErrors.error("ERR CONFIG REWRITE is not supported by Memstone"
            + " (disabled, as in MemoryDB): parameters live in the cluster's replicated parameter group, not in a config file");

    private final Parameters parameters;
    private final ServerStats stats;
    private final CommandExecutor shards;

    ConfigCommand(Parameters parameters, ServerStats stats, CommandExecutor shards) {
        this.parameters = parameters;
        this.stats = stats;
        this.shards = shards;
    }

    void register(CommandCatalog catalog) {
        catalog.sync("config|get", this::get);
        catalog.register("config|set", Invocation.Kind.LOCAL, this::set);
        catalog.sync("config|resetstat", (s, argv) -> {
            stats.reset();
            return Reply.OK;
        });
        catalog.sync("config|rewrite", (s, argv) -> REWRITE_DISABLED);
    }

    /**
     * Name/value pairs, each name (or alias) once. A pattern without glob characters names one
     * parameter and is echoed as written, as Redis does.
     */
    Reply get(ClientSession session, byte[][] argv) {
        Map<String, String> shownAs = new LinkedHashMap<>();
        for (int i = 2; i < argv.length; i++) {
            String pattern = Args.text(argv[i]);
            if (!hasGlob(pattern)) {
                if (ParameterTable.lookup(pattern) != null) shownAs.putIfAbsent(pattern.toLowerCase(Locale.ROOT), pattern);
                continue;
            }
            byte[] lower = pattern.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            for (String name : ParameterTable.allNames()) {
                if (Glob.matches(lower, name.getBytes(StandardCharsets.UTF_8))) shownAs.putIfAbsent(name, name);
            }
        }
        List<Reply> pairs = new ArrayList<>();
        shownAs.forEach((lower, shown) -> {
            String name = ParameterTable.lookup(lower);
            pairs.add(Reply.bulk(shown));
            pairs.add(Reply.bulk(ParameterTable.isFixed(name) ? ParameterTable.fixedValue(name) : parameters.get(name)));
        });
        return new Reply.MapReply(pairs);
    }

    /**
     * All names are checked (known, not repeated as written) before any value; then all or
     * none apply. A name and its alias may both be given, as in Redis: the later value wins.
     */
    CompletableFuture<Reply> set(ClientSession session, byte[][] argv) {
        if (argv.length % 2 != 0) return done(Errors.SYNTAX);
        List<String> names = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (int i = 2; i < argv.length; i += 2) {
            String given = Args.text(argv[i]).toLowerCase(Locale.ROOT);
            String name = ParameterTable.lookup(given);
            if (name == null) {
                return done(GatewayErrors.error("ERR Unknown option or number of arguments for CONFIG SET - '"
                        + Args.text(argv[i]) + "'"));
            }
            if (written.contains(given)) return done(failed(Args.text(argv[i]), "duplicate parameter"));
            written.add(given);
            names.add(name);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            try {
                String name = names.get(i);
                String given = Args.text(argv[3 + 2 * i]);
                // Redis sets only the classes named and keeps the other classes' limits.
                String value = name.equals(ParameterTable.CLIENT_OUTPUT_BUFFER_LIMIT)
                        ? OutputLimits.canonical(parameters.get(name), given) : ParameterTable.canonical(name, given);
                if (!ParameterTable.isFixed(name)) values.put(name, value);
            } catch (ParameterTable.InvalidValue e) {
                return done(failed(written.get(i), e.getMessage()));
            }
        }
        if (values.isEmpty()) return done(Reply.OK);
        boolean encodings = values.keySet().stream().anyMatch(EncodingLimits.NAMES::contains);
        return parameters.set(values)
                .thenCompose(version -> encodings ? inForceOnEveryShard(version) : done(Reply.OK))
                .exceptionally(error -> GatewayErrors.error("ERR CONFIG SET failed - " + reason(error)));
    }

    /**
     * Proposes the encoding parameters of {@code version} through every shard's log. A shard
     * that does not take them now gets them from its leader's sync later (see EncodingSync).
     */
    private CompletableFuture<Reply> inForceOnEveryShard(long version) {
        return shards.executeOnAllShards(EncodingLimits.command(version, parameters::get), true).thenApply(replies -> {
            for (Reply r : replies) {
                if (r instanceof Reply.Error e) {
                    return GatewayErrors.error("ERR CONFIG SET failed - changed, but not yet in force on every shard: " + e.text());
                }
            }
            return Reply.OK;
        });
    }

    /** Why a checked change was not made (refused cluster-wide, or not applied in time). */
    private static String reason(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return String.valueOf(cause.getMessage());
    }

    private static Reply failed(String name, String reason) {
        return GatewayErrors.error("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
    }

    private static boolean hasGlob(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0;
    }

    private static CompletableFuture<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
