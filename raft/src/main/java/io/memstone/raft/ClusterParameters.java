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
    private static final Pattern YES_NO = Pattern.compile("yes|no");
    /** notify-keyspace-events in the order Redis shows its classes (the gateway puts it so). */
    private static final Pattern EVENT_CLASSES = Pattern.compile("(A|g?\\$?l?s?h?z?x?e?t?d?n?)K?E?m?");
    /** Values whose case matters ('E' and 'e' are different event classes); others are lower-cased. */
    private static final Set<String> CASE_SENSITIVE = Set.of("notify-keyspace-events");
    private static final Pattern PERCENTILES = Pattern.compile("(-?\\d+(\\.\\d+)?( -?\\d+(\\.\\d+)?)*)?");
    private static final Set<String> POLICIES = Set.of("noeviction", "allkeys-lru", "allkeys-lfu", "allkeys-random",
            "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl");

    /** Each known parameter: its default and how a new value is checked and normalized. */
    private static final Map<String, Parameter> KNOWN = known();

    public static final ClusterParameters DEFAULT = new ClusterParameters(Map.of(), 0);

    private record Parameter(String defaultValue, String expected, UnaryOperator<String> normalize) {}

    /** Values that differ from or were set over the defaults. */
    private final Map<String, String> set;
    /** The meta log index of the change that made these values; 0 for the defaults. */
    private final long version;

    private ClusterParameters(Map<String, String> set, long version) {
        this.set = Map.copyOf(set);
        this.version = version;
    }

    /** These values as the change at meta log index {@code index} made them. */
    ClusterParameters at(long index) {
        return new ClusterParameters(set, index);
    }

    /**
     * Orders changes: each shard's engine takes the encoding parameters of a version only over
     * an older one (see EncodingLimits).
     */
    public long version() {
        return version;
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
        // Checked with Redis' wording by the gateway's ParameterTable first; ranges here alike.
        long intMax = Integer.MAX_VALUE;
        long longMax = Long.MAX_VALUE;
        entries(m, "512", v -> between(v, 0, longMax), "hash-max-listpack-entries", "set-max-intset-entries");
        entries(m, "128", v -> between(v, 0, longMax), "zset-max-listpack-entries");
        entries(m, "100", v -> between(v, 0, longMax), "stream-node-max-entries");
        entries(m, "64", v -> bytesBetween(v, 0, longMax), "hash-max-listpack-value", "zset-max-listpack-value");
        entries(m, "4096", v -> bytesBetween(v, 0, longMax), "stream-node-max-bytes");
        entries(m, "-2", v -> between(v, Integer.MIN_VALUE, intMax), "list-max-listpack-size");
        entries(m, "0", v -> between(v, 0, intMax), "list-compress-depth");
        entries(m, "536870912", v -> bytesBetween(v, 1 << 20, longMax), "proto-max-bulk-len");
        entries(m, "1073741824", v -> bytesBetween(v, 1 << 20, longMax), "client-query-buffer-limit");
        entries(m, "128", v -> between(v, 0, longMax), "acllog-max-len");
        entries(m, "yes", v -> matching(YES_NO, v), "latency-tracking", "activerehashing", "close-on-replica-write");
        entries(m, "no", v -> matching(YES_NO, v), "lazyfree-lazy-eviction", "lazyfree-lazy-expire",
                "lazyfree-lazy-server-del", "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush");
        entries(m, "50 99 99.9", v -> matching(PERCENTILES, v), "latency-tracking-info-percentiles");
        entries(m, "", v -> matching(EVENT_CLASSES, v), "notify-keyspace-events");
        entries(m, "5000", v -> between(v, 0, longMax), "busy-reply-threshold");
        entries(m, "1000000", v -> between(v, 0, longMax), "tracking-table-max-keys");
        entries(m, "5", v -> between(v, 1, intMax), "maxmemory-samples");
        entries(m, "10", v -> between(v, 0, intMax), "lfu-log-factor");
        entries(m, "1", v -> between(v, 0, intMax), "lfu-decay-time");
        entries(m, "10", v -> between(v, 1, 500), "hz");
        entries(m, "1", v -> between(v, 1, 10), "active-expire-effort");
        return Collections.unmodifiableMap(m);
    }

    /** Parameters sharing a default and a check. */
    private static void entries(Map<String, Parameter> m, String defaultValue, UnaryOperator<String> check, String... names) {
        for (String name : names) m.put(name, new Parameter(defaultValue, "a value redis-server 7.0 takes for " + name, check));
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
            String given = c.getValue().trim();
            String value = p.normalize().apply(CASE_SENSITIVE.contains(name) ? given : given.toLowerCase(Locale.ROOT));
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " is '" + c.getValue() + "': expected " + p.expected());
            }
            next.put(name, value);
        }
        return new ClusterParameters(next, version);
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

    private static String bytesBetween(String v, long min, long max) {
        String n = bytes(v);
        return n == null ? null : between(n, min, max);
    }

    private static String matching(Pattern pattern, String v) {
        return pattern.matcher(v).matches() ? v : null;
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
