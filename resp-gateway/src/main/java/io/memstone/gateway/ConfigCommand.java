package io.memstone.gateway;

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
 * CONFIG GET pattern [pattern ...] / SET name value [name value ...] / RESETSTAT over
 * {@link Parameters}, with redis-server 7.0's matching (globs, any case) and errors.
 */
final class ConfigCommand {
    private final Parameters parameters;
    private final ServerStats stats;

    ConfigCommand(Parameters parameters, ServerStats stats) {
        this.parameters = parameters;
        this.stats = stats;
    }

    void register(CommandCatalog catalog) {
        catalog.sync("config|get", this::get);
        catalog.register("config|set", Invocation.Kind.LOCAL, this::set);
        catalog.sync("config|resetstat", (s, argv) -> {
            stats.reset();
            return Reply.OK;
        });
    }

    /**
     * Name/value pairs, each parameter once. A pattern without glob characters names one
     * parameter and is echoed as written, as Redis does.
     */
    Reply get(ClientSession session, byte[][] argv) {
        Map<String, String> shownAs = new LinkedHashMap<>();
        for (int i = 2; i < argv.length; i++) {
            String pattern = Args.text(argv[i]);
            if (!hasGlob(pattern)) {
                String name = ParameterTable.lookup(pattern);
                if (name != null) shownAs.putIfAbsent(name, pattern);
                continue;
            }
            byte[] lower = pattern.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            for (String name : ParameterTable.allNames()) {
                if (Glob.matches(lower, name.getBytes(StandardCharsets.UTF_8))) shownAs.putIfAbsent(name, name);
            }
        }
        List<Reply> pairs = new ArrayList<>();
        shownAs.forEach((name, shown) -> {
            pairs.add(Reply.bulk(shown));
            pairs.add(Reply.bulk(ParameterTable.isFixed(name) ? ParameterTable.fixedValue(name) : parameters.get(name)));
        });
        return new Reply.MapReply(pairs);
    }

    /** All names are checked (known, not repeated) before any value; then all or none apply. */
    CompletableFuture<Reply> set(ClientSession session, byte[][] argv) {
        if (argv.length % 2 != 0) return done(Errors.SYNTAX);
        List<String> names = new ArrayList<>();
        for (int i = 2; i < argv.length; i += 2) {
            String name = ParameterTable.lookup(Args.text(argv[i]));
            if (name == null) {
                return done(GatewayErrors.error("ERR Unknown option or number of arguments for CONFIG SET - '"
                        + Args.text(argv[i]) + "'"));
            }
            if (names.contains(name)) return done(failed(name, "duplicate parameter"));
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
                return done(failed(names.get(i), e.getMessage()));
            }
        }
        if (values.isEmpty()) return done(Reply.OK);
        return parameters.set(values).handle((v, error) -> error == null ? Reply.OK
                : GatewayErrors.error("ERR CONFIG SET failed - " + reason(error)));
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
