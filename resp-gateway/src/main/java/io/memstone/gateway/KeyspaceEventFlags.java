package io.memstone.gateway;

/**
 * The {@code notify-keyspace-events} parameter as redis-server 7.0 reads and shows it: a set of
 * class characters, stored in Redis' canonical order ("KEA" shows as "AKE"). Memstone keeps the
 * value; sending the notifications is not built yet.
 */
final class KeyspaceEventFlags {
    /** The classes "A" stands for, in the order Redis shows them when not all are set. */
    private static final String ALL = "g$lshzxetd";
    /** Shown after the classes, in this order. */
    private static final String OTHERS = "nKEm";

    private KeyspaceEventFlags() {}

    static String canonical(String value) throws ParameterTable.InvalidValue {
        StringBuilder set = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == 'A') set.append(ALL);
            else if (ALL.indexOf(c) >= 0 || OTHERS.indexOf(c) >= 0) set.append(c);
            else throw new ParameterTable.InvalidValue("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
        }
        StringBuilder shown = new StringBuilder();
        boolean all = ALL.chars().allMatch(c -> set.indexOf(String.valueOf((char) c)) >= 0);
        if (all) shown.append('A');
        // With all classes set, Redis shows "A" and leaves 'n' out.
        for (char c : (all ? "KEm" : ALL + OTHERS).toCharArray()) {
            if (set.indexOf(String.valueOf(c)) >= 0) shown.append(c);
        }
        return shown.toString();
    }
}
