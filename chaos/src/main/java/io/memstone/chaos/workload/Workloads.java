package io.memstone.chaos.workload;

import java.util.ArrayList;
import java.util.List;

/** The workloads by name, as the command line lists them. */
public final class Workloads {
    public static final List<String> NAMES = List.of("register", "set", "counter", "list-append");

    private Workloads() {}

    /** New workloads for the names; "all" means every one. */
    public static List<Workload> parse(List<String> names) {
        List<Workload> out = new ArrayList<>();
        for (String name : names) {
            if (name.equals("all")) {
                out.addAll(parse(NAMES));
                continue;
            }
            switch (name) {
                case "register":
                    out.add(new RegisterWorkload());
                    break;
                case "set":
                    out.add(new SetWorkload());
                    break;
                case "counter":
                    out.add(new CounterWorkload());
                    break;
                case "list-append":
                    out.add(new ListAppendWorkload());
                    break;
                default:
                    throw new IllegalArgumentException("unknown workload " + name + "; known: " + NAMES + ", all");
            }
        }
        return out;
    }
}
