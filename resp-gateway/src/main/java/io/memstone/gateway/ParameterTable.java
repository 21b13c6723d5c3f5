package io.memstone.gateway;

import io.memstone.engine.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The parameters CONFIG GET/SET know, with redis-server 7.0's defaults, checks and wording:
 * {@link #canonical} turns a value as a client sends it into the form CONFIG GET shows, or
 * says why it is refused. In a node, the meta group's replicated parameters take the same names,
 * defaults and ranges (a test holds them to it), and check again what this table let through.
 */
public final class ParameterTable {
    public static final String MAXMEMORY = "maxmemory";
    public static final String MAXMEMORY_POLICY = "maxmemory-policy";
    public static final String MAXMEMORY_SAMPLES = "maxmemory-samples";
    public static final String LFU_LOG_FACTOR = "lfu-log-factor";
    public static final String LFU_DECAY_TIME = "lfu-decay-time";
    public static final String TIMEOUT = "timeout";
    public static final String SLOWLOG_LOG_SLOWER_THAN = "slowlog-log-slower-than";
    public static final String SLOWLOG_MAX_LEN = "slowlog-max-len";
    public static final String LATENCY_MONITOR_THRESHOLD = "latency-monitor-threshold";
    public static final String CLIENT_OUTPUT_BUFFER_LIMIT = "client-output-buffer-limit";

    private static final List<String> POLICIES = List.of("volatile-lru", "volatile-lfu", "volatile-random",
            "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction");

    /** A value a parameter does not take; the message is Redis' reason. */
    public static final class InvalidValue extends Exception {
        InvalidValue(String reason) {
            super(reason, null, false, false);
        }
    }

    @FunctionalInterface
    private interface Check {
        String canonical(String value) throws InvalidValue;
    }

    private record Definition(String defaultValue, Check check) {}

    private static final Map<String, Definition> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put(MAXMEMORY, new Definition("0", ParameterTable::memory));
        TABLE.put(MAXMEMORY_POLICY, new Definition("noeviction", ParameterTable::policy));
        TABLE.put(MAXMEMORY_SAMPLES, new Definition("5", v -> integer(v, 1, 64)));
        TABLE.put(LFU_LOG_FACTOR, new Definition("10", v -> integer(v, 0, Integer.MAX_VALUE)));
        TABLE.put(LFU_DECAY_TIME, new Definition("1", v -> integer(v, 0, Integer.MAX_VALUE)));
        TABLE.put(TIMEOUT, new Definition("0", v -> integer(v, 0, Integer.MAX_VALUE)));
        TABLE.put(SLOWLOG_LOG_SLOWER_THAN, new Definition("10000", v -> integer(v, -1, Long.MAX_VALUE)));
        TABLE.put(SLOWLOG_MAX_LEN, new Definition("128", v -> integer(v, 0, Long.MAX_VALUE)));
        TABLE.put(LATENCY_MONITOR_THRESHOLD, new Definition("0", v -> integer(v, 0, Long.MAX_VALUE)));
        TABLE.put(CLIENT_OUTPUT_BUFFER_LIMIT, new Definition(OutputLimits.DEFAULT, v -> OutputLimits.canonical(OutputLimits.DEFAULT, v)));
    }

    /**
     * Redis parameters that describe what Memstone always does: CONFIG GET shows them and CONFIG
     * SET accepts this value only (tools written for Redis set them), refusing any other with why.
     */
    private record Fixed(String value, String why) {}

    private static final Map<String, Fixed> FIXED = Map.of(
            "save", new Fixed("", "there are no save points: every write is in the Raft log before it is acknowledged,"
                    + " and snapshots follow the log"),
            "appendonly", new Fixed("yes", "every write is in the Raft log, fsynced on a majority, before it is acknowledged"));

    private ParameterTable() {}

    /** Every replicated parameter's name, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(TABLE.keySet());
    }

    /** Every name CONFIG GET knows: the replicated parameters, then the fixed ones. */
    static List<String> allNames() {
        List<String> all = new java.util.ArrayList<>(TABLE.keySet());
        FIXED.keySet().stream().sorted().forEach(all::add);
        return all;
    }

    /** Whether the parameter (from {@link #lookup}) always has the same value. */
    static boolean isFixed(String name) {
        return FIXED.containsKey(name);
    }

    /** The value of a fixed parameter. */
    static String fixedValue(String name) {
        return FIXED.get(name).value();
    }

    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        TABLE.forEach((name, def) -> d.put(name, def.defaultValue()));
        return d;
    }

    /** The parameter's name as the table spells it, for any capitalization; null if unknown. */
    public static String lookup(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return TABLE.containsKey(lower) || FIXED.containsKey(lower) ? lower : null;
    }

    /** The value as CONFIG GET will show it; {@code name} must come from {@link #lookup}. */
    public static String canonical(String name, String value) throws InvalidValue {
        Fixed fixed = FIXED.get(name);
        if (fixed == null) return TABLE.get(name).check().canonical(value);
        if (!fixed.value().equalsIgnoreCase(value.trim())) {
            throw new InvalidValue("Memstone only takes " + (fixed.value().isEmpty() ? "\"\"" : fixed.value()) + ": " + fixed.why());
        }
        return fixed.value();
    }

    /**
     * Redis' memtoull: digits then an optional unit (b, k, kb, m, mb, g, gb, any case), as an
     * unsigned 64-bit number; digits beyond it saturate and the unit multiplies modulo 2^64,
     * as C's unsigned arithmetic does. An empty value is 0.
     */
    static String memory(String value) throws InvalidValue {
        int digits = 0;
        while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') digits++;
        long unit = switch (value.substring(digits).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k" -> 1000;
            case "kb" -> 1024;
            case "m" -> 1000L * 1000;
            case "mb" -> 1024L * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> throw new InvalidValue("argument must be a memory value");
        };
        long n = 0;
        for (int i = 0; i < digits; i++) {
            long d = value.charAt(i) - '0';
            if (Long.compareUnsigned(n, Long.divideUnsigned(-1L - d, 10)) > 0) {
                n = -1L;
                break;
            }
            n = n * 10 + d;
        }
        return Long.toUnsignedString(n * unit);
    }

    private static String policy(String value) throws InvalidValue {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!POLICIES.contains(lower)) {
            throw new InvalidValue("argument(s) must be one of the following: " + String.join(", ", POLICIES));
        }
        return lower;
    }

    private static String integer(String value, long min, long max) throws InvalidValue {
        OptionalLong n = Numbers.string2ll(value.getBytes(StandardCharsets.UTF_8));
        if (n.isEmpty()) throw new InvalidValue("argument couldn't be parsed into an integer");
        if (n.getAsLong() < min || n.getAsLong() > max) {
            throw new InvalidValue("argument must be between " + min + " and " + max + " inclusive");
        }
        return Long.toString(n.getAsLong());
    }
}
