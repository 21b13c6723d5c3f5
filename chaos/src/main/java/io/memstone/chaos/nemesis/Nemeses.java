package io.memstone.chaos.nemesis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The nemeses by name, as the command line lists them. */
public final class Nemeses {
    private static final Map<String, Nemesis> ALL = new LinkedHashMap<>();

    static {
        for (ProcessNemesis.Action a : ProcessNemesis.Action.values()) {
            for (Target t : Target.values()) {
                if (a == ProcessNemesis.Action.PAUSE && t == Target.ALL) continue; // nothing would be left to observe
                register(new ProcessNemesis(a, t));
            }
        }
        for (PartitionNemesis.Shape s : PartitionNemesis.Shape.values()) register(new PartitionNemesis(s));
        register(new MembershipNemesis());
        register(new ClockSkewNemesis());
    }

    private Nemeses() {}

    private static void register(Nemesis n) {
        ALL.put(n.name(), n);
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static boolean isPartition(String name) {
        return ALL.get(name) instanceof PartitionNemesis;
    }

    public static boolean isMembership(String name) {
        return name.equals(MembershipNemesis.NAME);
    }

    public static boolean isClockSkew(String name) {
        return name.equals(ClockSkewNemesis.NAME);
    }

    /** Whether the names ask for clock skew, which the cluster must be started ready for. */
    public static boolean wantClockSkew(List<String> names) {
        return names.contains(ClockSkewNemesis.NAME);
    }

    /**
     * The named nemeses; "all" means every one but clock-skew (node JVMs under libfaketime run
     * several times slower, so it is asked for by name), "none" none.
     */
    public static List<Nemesis> parse(List<String> names) {
        List<Nemesis> out = new ArrayList<>();
        for (String name : names) {
            if (name.equals("none")) continue;
            if (name.equals("all")) {
                ALL.values().stream().filter(n -> !isClockSkew(n.name())).forEach(out::add);
                continue;
            }
            Nemesis n = ALL.get(name);
            if (n == null) throw new IllegalArgumentException("unknown nemesis " + name + "; known: " + names() + ", all, none");
            out.add(n);
        }
        return out;
    }
}
