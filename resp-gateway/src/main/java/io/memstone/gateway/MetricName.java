package io.memstone.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How Memstone names metrics in a Dropwizard registry, which has no labels: the Prometheus
 * series syntax itself, {@code memstone_command_calls_total{command="get"}}. The node's
 * Prometheus exposition writes such names as they are, and its JMX export turns the labels
 * into ObjectName keys. (Here because the gateway is the lowest module that registers metrics.)
 */
public final class MetricName {
    private MetricName() {}

    /** A name with labels given as name, value, name, value... */
    public static String of(String family, String... labels) {
        if (labels.length == 0) return family;
        if (labels.length % 2 != 0) throw new IllegalArgumentException("labels come in name/value pairs");
        StringBuilder b = new StringBuilder(family).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) b.append(',');
            b.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
        }
        return b.append('}').toString();
    }

    /** The family and labels of a name made by {@link #of}. */
    public record Parsed(String family, Map<String, String> labels) {}

    public static Parsed parse(String name) {
        int brace = name.indexOf('{');
        if (brace < 0 || !name.endsWith("}")) return new Parsed(name, Map.of());
        Map<String, String> labels = new LinkedHashMap<>();
        int i = brace + 1;
        int end = name.length() - 1;
        while (i < end) {
            int eq = name.indexOf("=\"", i);
            if (eq < 0) break;
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < end && name.charAt(j) != '"'; j++) {
                char c = name.charAt(j);
                if (c == '\\' && j + 1 < end) {
                    char next = name.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(name.substring(i, eq), value.toString());
            i = j + 2; // past the closing quote and the comma
        }
        return new Parsed(name.substring(0, brace), labels);
    }

    /** The label body of a name ({@code command="get"}), empty when it has none. */
    public static String labels(String name) {
        int brace = name.indexOf('{');
        return brace < 0 ? "" : name.substring(brace + 1, name.length() - 1);
    }

    /** The family of a name: everything before its labels. */
    public static String family(String name) {
        int brace = name.indexOf('{');
        return brace < 0 ? name : name.substring(0, brace);
    }

    /** Prometheus' escaping of label values: backslash, double quote, newline. */
    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
