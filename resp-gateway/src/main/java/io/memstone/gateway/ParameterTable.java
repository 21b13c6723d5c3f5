package io.memstone.gateway;

import io.memstone.engine.EncodingLimits;
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
    public static final String PROTO_MAX_BULK_LEN = "proto-max-bulk-len";
    public static final String CLIENT_QUERY_BUFFER_LIMIT = "client-query-buffer-limit";
    public static final String ACLLOG_MAX_LEN = "acllog-max-len";
    public static final String LATENCY_TRACKING = "latency-tracking";
    public static final String LATENCY_TRACKING_INFO_PERCENTILES = "latency-tracking-info-percentiles";
    /** MemoryDB's own parameter, absent from redis-server. */
    public static final String CLOSE_ON_REPLICA_WRITE = "close-on-replica-write";

    private static final List<String> POLICIES = List.of("volatile-lru", "volatile-lfu", "volatile-random",
            "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction");
    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final long LONG_MAX = Long.MAX_VALUE;
    private static final long MB = 1024 * 1024;

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

    /** One entry per parameter: its redis-server 7.0 default and check (range, type, wording). */
    private static final Map<String, Definition> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put(MAXMEMORY, new Definition("0", ParameterTable::memory));
        TABLE.put(MAXMEMORY_POLICY, new Definition("noeviction", ParameterTable::policy));
        TABLE.put(TIMEOUT, new Definition("0", v -> integer(v, 0, INT_MAX)));
        TABLE.put(SLOWLOG_LOG_SLOWER_THAN, new Definition("10000", v -> integer(v, -1, LONG_MAX)));
        TABLE.put(SLOWLOG_MAX_LEN, new Definition("128", v -> integer(v, 0, LONG_MAX)));
        TABLE.put(LATENCY_MONITOR_THRESHOLD, new Definition("0", v -> integer(v, 0, LONG_MAX)));
        TABLE.put(CLIENT_OUTPUT_BUFFER_LIMIT, new Definition(OutputLimits.DEFAULT, v -> OutputLimits.canonical(OutputLimits.DEFAULT, v)));
        // Encoding parameters: each shard's engine follows them (EncodingLimits), list ones excepted (README).
        TABLE.put(EncodingLimits.HASH_MAX_LISTPACK_ENTRIES, new Definition("512", v -> integer(v, 0, LONG_MAX)));
        TABLE.put(EncodingLimits.HASH_MAX_LISTPACK_VALUE, new Definition("64", v -> memory(v, 0, LONG_MAX)));
        TABLE.put(EncodingLimits.SET_MAX_INTSET_ENTRIES, new Definition("512", v -> integer(v, 0, LONG_MAX)));
        TABLE.put(EncodingLimits.ZSET_MAX_LISTPACK_ENTRIES, new Definition("128", v -> integer(v, 0, LONG_MAX)));
        TABLE.put(EncodingLimits.ZSET_MAX_LISTPACK_VALUE, new Definition("64", v -> memory(v, 0, LONG_MAX)));
        TABLE.put(EncodingLimits.STREAM_NODE_MAX_BYTES, new Definition("4096", v -> memory(v, 0, LONG_MAX)));
        TABLE.put(EncodingLimits.STREAM_NODE_MAX_ENTRIES, new Definition("100", v -> integer(v, 0, LONG_MAX)));
        TABLE.put("list-max-listpack-size", new Definition("-2", v -> integer(v, Integer.MIN_VALUE, INT_MAX)));
        TABLE.put("list-compress-depth", new Definition("0", v -> integer(v, 0, INT_MAX)));
        // The rest of MemoryDB's Redis 7 parameter group.
        TABLE.put(PROTO_MAX_BULK_LEN, new Definition("536870912", v -> memory(v, MB, LONG_MAX)));
        TABLE.put(CLIENT_QUERY_BUFFER_LIMIT, new Definition("1073741824", v -> memory(v, MB, LONG_MAX)));
        TABLE.put(ACLLOG_MAX_LEN, new Definition("128", v -> integer(v, 0, LONG_MAX)));
        TABLE.put(LATENCY_TRACKING, new Definition("yes", ParameterTable::yesNo));
        TABLE.put(LATENCY_TRACKING_INFO_PERCENTILES, new Definition(LatencyPercentiles.DEFAULT, LatencyPercentiles::canonical));
        TABLE.put("notify-keyspace-events", new Definition("", KeyspaceEventFlags::canonical));
        TABLE.put("busy-reply-threshold", new Definition("5000", v -> integer(v, 0, LONG_MAX)));
        TABLE.put("activerehashing", new Definition("yes", ParameterTable::yesNo));
        for (String lazy : List.of("eviction", "expire", "server-del", "user-del", "user-flush")) {
            TABLE.put("lazyfree-lazy-" + lazy, new Definition("no", ParameterTable::yesNo));
        }
        TABLE.put("tracking-table-max-keys", new Definition("1000000", v -> integer(v, 0, LONG_MAX)));
        TABLE.put(MAXMEMORY_SAMPLES, new Definition("5", v -> integer(v, 1, INT_MAX)));
        TABLE.put(LFU_LOG_FACTOR, new Definition("10", v -> integer(v, 0, INT_MAX)));
        TABLE.put(LFU_DECAY_TIME, new Definition("1", v -> integer(v, 0, INT_MAX)));
        // Redis keeps hz within 1..500 whatever it is set to.
        TABLE.put("hz", new Definition("10", v -> Long.toString(Math.max(1, Math.min(500, Long.parseLong(integer(v, 0, INT_MAX)))))));
        TABLE.put("active-expire-effort", new Definition("1", v -> integer(v, 1, 10)));
        // MemoryDB's own (not in redis-server): disconnect clients writing to a replica.
        TABLE.put(CLOSE_ON_REPLICA_WRITE, new Definition("yes", ParameterTable::yesNo));
    }

    /** Redis 7.0's other names for parameters: CONFIG GET/SET take them, CONFIG GET * lists them too. */
    private static final Map<String, String> ALIASES = Map.of(
            "hash-max-ziplist-entries", EncodingLimits.HASH_MAX_LISTPACK_ENTRIES,
            "hash-max-ziplist-value", EncodingLimits.HASH_MAX_LISTPACK_VALUE,
            "zset-max-ziplist-entries", EncodingLimits.ZSET_MAX_LISTPACK_ENTRIES,
            "zset-max-ziplist-value", EncodingLimits.ZSET_MAX_LISTPACK_VALUE,
            "list-max-ziplist-size", "list-max-listpack-size",
            "lua-time-limit", "busy-reply-threshold");

    /**
     * Redis parameters that describe what Memstone always does: CONFIG GET shows them and CONFIG
     * SET accepts this value only (tools written for Redis set them), refusing any other with why.
     */
    private record Fixed(String value, String why) {}

    private static final Map<String, Fixed> FIXED = Map.of(
            "save", new Fixed("", "there are no save points: every write is in the Raft log before it is acknowledged,"
                    + " and snapshots follow the log"),
            "appendonly", new Fixed("yes", "every write is in the Raft log, fsynced on a majority, before it is acknowledged"),
            "activedefrag", new Fixed("no", "values live on the JVM's heap, whose garbage collector compacts it;"
                    + " there is no allocator to defragment"));

    private ParameterTable() {}

    /** Every replicated parameter's name, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(TABLE.keySet());
    }

    /** Every name CONFIG GET knows: the replicated parameters, their aliases, then the fixed ones. */
    static List<String> allNames() {
        List<String> all = new java.util.ArrayList<>(TABLE.keySet());
        ALIASES.keySet().stream().sorted().forEach(all::add);
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

    /** The parameter's name as the table spells it, for any capitalization or alias; null if unknown. */
    public static String lookup(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (ALIASES.containsKey(lower)) return ALIASES.get(lower);
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

    /** A memory value (see {@link #memory(String)}) from {@code min} to {@code max} bytes. */
    private static String memory(String value, long min, long max) throws InvalidValue {
        long n = Long.parseUnsignedLong(memory(value));
        if (Long.compareUnsigned(n, min) < 0 || Long.compareUnsigned(n, max) > 0) throw outOfRange(min, max);
        return Long.toString(n);
    }

    private static String yesNo(String value) throws InvalidValue {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.equals("yes") && !lower.equals("no")) throw new InvalidValue("argument must be 'yes' or 'no'");
        return lower;
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
        if (n.getAsLong() < min || n.getAsLong() > max) throw outOfRange(min, max);
        return Long.toString(n.getAsLong());
    }

    private static InvalidValue outOfRange(long min, long max) {
        return new InvalidValue("argument must be between " + min + " and " + max + " inclusive");
    }
}
