package io.memstone.chaos;

import io.memstone.chaos.checker.CheckResult;
import io.memstone.chaos.cluster.ChaosCluster;
import io.memstone.chaos.history.History;
import io.memstone.chaos.nemesis.FaultSchedule;
import io.memstone.chaos.nemesis.Nemeses;
import io.memstone.chaos.nemesis.Nemesis;
import io.memstone.chaos.workload.Clients;
import io.memstone.chaos.workload.FinalReads;
import io.memstone.chaos.workload.Workload;
import io.memstone.chaos.workload.Workloads;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One run, as Jepsen's: start the cluster, run the workloads' clients while the schedule injects
 * faults, stop, heal everything, wait for the replicas to agree, do the final reads, check.
 */
public final class ChaosRun {
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration RECOVERY = Duration.ofSeconds(120);

    private final ChaosOptions options;
    private final PrintStream log;

    public ChaosRun(ChaosOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    public ChaosResult run(ChaosCluster cluster) throws Exception {
        List<String> notes = new ArrayList<>();
        List<Workload> workloads = Workloads.parse(options.workloads());
        List<Nemesis> nemeses = usableNemeses(cluster, notes);
        log.println("chaos: starting " + cluster.size() + " nodes (logs in " + cluster.logs() + ")");
        cluster.start(STARTUP);

        long origin = System.nanoTime();
        Map<String, History> histories = new LinkedHashMap<>();
        List<Clients> clients = new ArrayList<>();
        for (int i = 0; i < workloads.size(); i++) {
            Workload w = workloads.get(i);
            History h = new History(origin);
            histories.put(w.name(), h);
            clients.add(new Clients(w, h, cluster, options.clientsPerWorkload(), options.opTimeout(), options.seed() + 1000L * i));
        }
        FaultSchedule schedule = new FaultSchedule(cluster, nemeses, options.quiet(), options.fault(),
                new Random(options.seed()), origin);
        log.println("chaos: " + options.time().toSeconds() + " s of " + String.join(", ", histories.keySet())
                + " under " + (nemeses.isEmpty() ? "no faults" : String.join(", ", nemeses.stream().map(Nemesis::name).toList())));
        clients.forEach(Clients::start);
        schedule.start();
        Thread.sleep(options.time().toMillis());
        schedule.stop();
        for (Clients c : clients) c.stop();
        long duration = System.nanoTime() - origin;

        log.println("chaos: healing and waiting for the replicas to agree");
        String divergence = heal(cluster);
        for (Workload w : workloads) FinalReads.run(w, histories.get(w.name()), cluster, options.opTimeout(), RECOVERY);

        Map<String, CheckResult> checks = new LinkedHashMap<>();
        for (Workload w : workloads) {
            log.println("chaos: checking " + w.name());
            checks.put(w.name(), w.checker().check(histories.get(w.name()).pairs()));
        }
        return new ChaosResult(options, checks, divergence, schedule.windows(), schedule.errors(),
                FailoverTimes.of(schedule.windows(), histories.values()), notes, histories, duration);
    }

    /**
     * Heals every fault left and waits for the replicas to agree; returns what was still wrong,
     * or null. A fault that cannot be healed (a node that cannot be added back) is a finding of
     * the run like a divergence: the histories are still read and checked.
     */
    private String heal(ChaosCluster cluster) throws InterruptedException {
        try {
            cluster.healAll();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return "healing failed: " + e;
        }
        return cluster.awaitConverged(RECOVERY);
    }

    /** The nemeses asked for, without partitions, clock skew or membership changes where the cluster cannot make them (noted). */
    private List<Nemesis> usableNemeses(ChaosCluster cluster, List<String> notes) {
        List<Nemesis> out = new ArrayList<>();
        String noPartitions = cluster.partitionsUnavailable();
        String noClockSkew = cluster.clockSkewUnavailable();
        String noMembership = cluster.membershipUnavailable();
        for (Nemesis n : Nemeses.parse(options.nemeses())) {
            if (noPartitions != null && Nemeses.isPartition(n.name())) {
                notes.add("skipped " + n.name() + ": " + noPartitions);
            } else if (noClockSkew != null && Nemeses.isClockSkew(n.name())) {
                notes.add("skipped " + n.name() + ": " + noClockSkew);
            } else if (noMembership != null && Nemeses.isMembership(n.name())) {
                notes.add("skipped " + n.name() + ": " + noMembership);
            } else {
                out.add(n);
            }
        }
        notes.forEach(n -> log.println("chaos: " + n));
        return out;
    }
}
