package io.memstone.gateway;

import io.memstone.engine.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The {@code client-output-buffer-limit} parameter: {@code <class> <hard> <soft> <soft seconds>}
 * for Redis' normal, slave (alias replica) and pubsub classes, parsed and shown as redis-server
 * 7.0 does. Only the pubsub class is enforced here (Memstone has no replica clients, and a normal
 * client that does not read is simply no longer read from).
 */
final class OutputLimits {
    static final String DEFAULT = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";
    private static final String WRONG_COUNT = "Wrong number of arguments in buffer limit configuration.";
    private static final String BAD_CLASS = "Invalid client class specified in buffer limit configuration.";
    private static final String BAD_NUMBER = "Error in hard, soft or soft_seconds setting in buffer limit configuration.";

    private OutputLimits() {}

    /**
     * The value CONFIG GET shows after setting {@code value} over {@code current}: the classes
     * named change, the others keep their limits (a class named twice takes the last).
     */
    static String canonical(String current, String value) throws ParameterTable.InvalidValue {
        Map<String, long[]> classes = parse(current);
        String[] words = value.trim().isEmpty() ? new String[0] : value.trim().split("\\s+");
        if (words.length % 4 != 0) throw new ParameterTable.InvalidValue(WRONG_COUNT);
        for (int i = 0; i < words.length; i += 4) {
            String name = words[i].toLowerCase(Locale.ROOT);
            if (name.equals("replica")) name = "slave";
            if (!classes.containsKey(name)) throw new ParameterTable.InvalidValue(BAD_CLASS);
            try {
                long hard = Long.parseUnsignedLong(ParameterTable.memory(words[i + 1]));
                long soft = Long.parseUnsignedLong(ParameterTable.memory(words[i + 2]));
                OptionalLong seconds = Numbers.string2ll(words[i + 3].getBytes(StandardCharsets.US_ASCII));
                if (seconds.isEmpty() || seconds.getAsLong() < 0) throw new ParameterTable.InvalidValue(BAD_NUMBER);
                classes.put(name, new long[] {hard, soft, seconds.getAsLong()});
            } catch (ParameterTable.InvalidValue e) {
                throw new ParameterTable.InvalidValue(BAD_NUMBER);
            }
        }
        StringBuilder out = new StringBuilder();
        classes.forEach((name, l) -> out.append(out.isEmpty() ? "" : " ").append(name).append(' ')
                .append(Long.toUnsignedString(l[0])).append(' ').append(Long.toUnsignedString(l[1])).append(' ').append(l[2]));
        return out.toString();
    }

    /** The pubsub class's limit in a canonical value. */
    static OutputLimit pubsub(String canonical) {
        long[] l = parse(canonical).get("pubsub");
        return new OutputLimit("pubsub", l[0], l[1], l[2] * 1000);
    }

    /** A canonical value's classes, in Redis' order. */
    private static Map<String, long[]> parse(String canonical) {
        String[] w = canonical.split(" ");
        Map<String, long[]> classes = new LinkedHashMap<>();
        for (int i = 0; i + 3 < w.length; i += 4) {
            classes.put(w[i], new long[] {Long.parseUnsignedLong(w[i + 1]), Long.parseUnsignedLong(w[i + 2]), Long.parseLong(w[i + 3])});
        }
        return classes;
    }
}
