package io.memstone.raft;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster's named parameter group, replicated in the meta group: what CONFIG GET/SET and
 * the admin service's Get/SetParameters read and change. Immutable; values are stored in the
 * form CONFIG GET shows them (maxmemory in bytes, names lower-case). Validation is pure, so
 * every replica of the meta group accepts or refuses a change alike. The gateway's
 * ParameterTable checks CONFIG SET's values first, with Redis' wording, and takes the same
 * ranges: what it accepts, this accepts unchanged.
 */
public final class ClusterParameters {
    private static final Pattern MEMORY = Pattern.compile("(\\d+)(b|k|kb|m|mb|g|gb)?");
    /** client-output-buffer-limit as CONFIG GET shows it: every class, in bytes and seconds. */
    private static final Pattern OUTPUT_LIMITS = Pattern.compile("normal \\d+ \\d+ \\d+ slave \\d+ \\d+ \\d+ pubsub \\d+ \\d+ \\d+");
    private static final Set<String> POLICIES = Set.of("noeviction", "allkeys-lru", "allkeys-lfu", "allkeys-random",
            "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl");

    /** Each known parameter: its default and how a new value is checked and normalized. */
    private static final Map<String, Parameter> KNOWN = known();

    public static final ClusterParameters DEFAULT = new ClusterParameters(Map.of());

    private record Parameter(String defaultValue, String expected, UnaryOperator<String> normalize) {}

    /** Values that differ from or were set over the defaults. */
    private final Map<String, String> set;

    private ClusterParameters(Map<String, String> set) {
        this.set = Map.copyOf(set);
    }

    private static Map<String, Parameter> known() {
        Map<String, Parameter> m = new LinkedHashMap<>();
        m.put("maxmemory", new Parameter("0", "a memory value (e.g. 100mb)", ClusterParameters::bytes));
        m.put("maxmemory-policy", new Parameter("noeviction", "one of " + new TreeSet<>(POLICIES),
                v -> POLICIES.contains(v) ? v : null));
        m.put("timeout", new Parameter("0", "a number of seconds from 0 to " + Integer.MAX_VALUE,
                v -> between(v, 0, Integer.MAX_VALUE)));
        m.put("slowlog-log-slower-than", new Parameter("10000", "a number of microseconds (-1: off)",
                v -> between(v, -1, Long.MAX_VALUE)));
        m.put("slowlog-max-len", new Parameter("128", "a non-negative number of entries", v -> between(v, 0, Long.MAX_VALUE)));
        m.put("latency-monitor-threshold", new Parameter("0", "a non-negative number of milliseconds (0: off)",
                v -> between(v, 0, Long.MAX_VALUE)));
        m.put("client-output-buffer-limit", new Parameter("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
                "normal <hard> <soft> <seconds> slave <hard> <soft> <seconds> pubsub <hard> <soft> <seconds>, in bytes",
                v -> OUTPUT_LIMITS.matcher(v).matches() ? v : null));
        m.put("snapshot-every-entries", new Parameter(Long.toString(LogRetention.DEFAULT.snapshotEveryEntries()),
                "a positive number of log entries", v -> between(v, 1, Long.MAX_VALUE)));
        return Collections.unmodifiableMap(m);
    }

    /**
     * These parameters with {@code changes} applied; refuses the whole change, naming the first
     * bad parameter, when a name is unknown or a value is out of range.
     */
    public ClusterParameters with(Map<String, String> changes) {
        Map<String, String> next = new TreeMap<>(set);
        for (Map.Entry<String, String> c : new TreeMap<>(changes).entrySet()) {
            String name = c.getKey().toLowerCase(Locale.ROOT);
            Parameter p = KNOWN.get(name);
            if (p == null) throw new IllegalArgumentException("unknown parameter '" + c.getKey() + "'; known: " + KNOWN.keySet());
            String value = p.normalize().apply(c.getValue().trim().toLowerCase(Locale.ROOT));
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " is '" + c.getValue() + "': expected " + p.expected());
            }
            next.put(name, value);
        }
        return new ClusterParameters(next);
    }

    /** Only the parameters that were set (what a snapshot keeps: defaults stay the running version's). */
    public Map<String, String> set() {
        return Collections.unmodifiableMap(set);
    }

    /** Every parameter with its value, defaults included, in a stable order. */
    public Map<String, String> values() {
        Map<String, String> all = new TreeMap<>();
        KNOWN.forEach((name, p) -> all.put(name, set.getOrDefault(name, p.defaultValue())));
        return all;
    }

    public String get(String name) {
        return values().get(name);
    }

    public static Set<String> names() {
        return KNOWN.keySet();
    }

    private static String bytes(String v) {
        Matcher m = MEMORY.matcher(v);
        if (!m.matches()) return null;
        try {
            // Unsigned, as Redis' memtoull: CONFIG SET maxmemory may be up to 2^64-1 bytes.
            long n = Long.parseUnsignedLong(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2);
            // Redis: k/m/g are powers of 1000, kb/mb/gb of 1024.
            long scale = switch (unit) {
                case "k" -> 1000L;
                case "kb" -> 1024L;
                case "m" -> 1000L * 1000;
                case "mb" -> 1024L * 1024;
                case "g" -> 1000L * 1000 * 1000;
                case "gb" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            if (Long.compareUnsigned(n, Long.divideUnsigned(-1L, scale)) > 0) return null;
            return Long.toUnsignedString(n * scale);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    private static String between(String v, long min, long max) {
        try {
            long n = Long.parseLong(v);
            return n >= min && n <= max ? Long.toString(n) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterParameters p && p.set.equals(set);
    }

    @Override
    public int hashCode() {
        return set.hashCode();
    }

    @Override
    public String toString() {
        return values().toString();
    }
}
