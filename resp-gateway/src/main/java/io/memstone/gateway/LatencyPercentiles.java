package io.memstone.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code latency-tracking-info-percentiles} parameter: percentiles separated by single
 * spaces, each from 0 to 100, shown as C's "%f" without trailing zeros, as redis-server 7.0 does.
 */
final class LatencyPercentiles {
    static final String DEFAULT = "50 99 99.9";
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private LatencyPercentiles() {}

    static String canonical(String value) throws ParameterTable.InvalidValue {
        List<String> shown = new ArrayList<>();
        for (double p : parse(value)) shown.add(format(p));
        return String.join(" ", shown);
    }

    /** The percentiles of a canonical value. */
    static List<Double> parse(String value) throws ParameterTable.InvalidValue {
        List<Double> out = new ArrayList<>();
        if (value.isEmpty()) return out;
        for (String word : value.split(" ", -1)) {
            if (!NUMBER.matcher(word).matches()) {
                throw new ParameterTable.InvalidValue("Invalid latency-tracking-info-percentiles parameters");
            }
            double p = Double.parseDouble(word);
            if (p < 0 || p > 100) {
                throw new ParameterTable.InvalidValue("latency-tracking-info-percentiles parameters should sit between [0.0,100.0]");
            }
            out.add(p);
        }
        return out;
    }

    /** "%f", then without trailing zeros or a trailing point: 99.900000 shows as 99.9, -0.0 as -0. */
    static String format(double p) {
        String f = String.format(Locale.ROOT, "%f", p);
        return f.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
