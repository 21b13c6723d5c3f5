package io.memstone.chaos;

import io.memstone.chaos.cluster.ChaosCluster;
import io.memstone.chaos.cluster.DockerBackend;
import io.memstone.chaos.cluster.LocalBackend;
import io.memstone.chaos.nemesis.Nemeses;
import io.memstone.chaos.report.ResultFiles;
import io.memstone.chaos.report.TextSummary;
import io.memstone.chaos.workload.Workloads;
import io.memstone.raft.LogRetention;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code memstone chaos}: one run; exit status 0 only when every checker says valid. */
@Command(name = "memstone chaos", mixinStandardHelpOptions = true,
        description = "Run a cluster under faults, record a history, check it, write result.json and report.html.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every checker says valid", "1:an anomaly was found", "2:the run could not be made"})
final class ChaosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--time", defaultValue = "60", description = "Seconds of workload (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--nodes", defaultValue = "3", description = "Nodes, 1 to 5 (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--workload", split = ",", defaultValue = "register,counter",
            description = "register, set, counter, list-append or all (default ${DEFAULT-VALUE}).")
    List<String> workloads;

    @Option(names = "--nemesis", split = ",", defaultValue = "all",
            description = "kill-leader, kill-minority, kill-all, pause-leader, pause-minority, partition-leader, "
                    + "partition-halves, partition-ring, partition-bridge, membership (local backend), clock-skew (libfaketime; "
                    + "not in all), all or none "
                    + "(default ${DEFAULT-VALUE}).")
    List<String> nemeses;

    @Option(names = "--backend", defaultValue = "local",
            description = "local (default): node processes on loopback addresses; docker: containers of --image on a private network.")
    String backend;

    @Option(names = "--image", defaultValue = DockerBackend.DEFAULT_IMAGE,
            description = "The Memstone image for --backend docker (default ${DEFAULT-VALUE}; README.md, Docker, builds it).")
    String image;

    @Option(names = "--out", description = "Result directory (default chaos-results/<time>).")
    Path out;

    @Option(names = "--fault-seconds", defaultValue = "10", description = "How long each fault lasts (default ${DEFAULT-VALUE}).")
    int faultSeconds;

    @Option(names = "--quiet-seconds", defaultValue = "10", description = "Healthy time before each fault (default ${DEFAULT-VALUE}).")
    int quietSeconds;

    @Option(names = "--clients", defaultValue = "4", description = "Client threads per workload (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--op-timeout-ms", defaultValue = "3000",
            description = "An operation without a reply by then is indeterminate (default ${DEFAULT-VALUE}).")
    int opTimeoutMillis;

    @Option(names = "--snapshot-every", defaultValue = "2000",
            description = "A snapshot every N applied Raft entries, so restarts load snapshots (default ${DEFAULT-VALUE}).")
    long snapshotEvery;

    @Option(names = "--seed", description = "Random seed for clients and nemeses (default: the clock).")
    Long seed;

    @Override
    public Integer call() throws Exception {
        // Unknown names are refused (IllegalArgumentException: one line and the usage) before anything is made.
        Workloads.parse(workloads);
        Nemeses.parse(nemeses);
        String unavailable = switch (backend) {
            case "local" -> null;
            case "docker" -> DockerBackend.unavailable(image);
            default -> "unknown backend " + backend + ": local or docker";
        };
        if (unavailable == null && backend.equals("docker") && nemeses.stream().anyMatch(Nemeses::isMembership)) {
            unavailable = "--nemesis membership: " + DockerBackend.MEMBERSHIP_UNAVAILABLE;
        }
        if (unavailable != null) {
            spec.commandLine().getErr().println("memstone chaos: " + unavailable);
            return 2;
        }
        ChaosOptions options = new ChaosOptions(nodes, Duration.ofSeconds(seconds), workloads, nemeses,
                Duration.ofSeconds(quietSeconds), Duration.ofSeconds(faultSeconds), clients,
                Duration.ofMillis(opTimeoutMillis), seed != null ? seed : System.currentTimeMillis());
        Path dir = out != null ? out : Path.of("chaos-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        ChaosResult result;
        try (ChaosCluster cluster = cluster(dir.resolve("cluster"))) {
            result = new ChaosRun(options, System.out).run(cluster);
            cluster.close();
            cluster.removeData();
        }
        ResultFiles.write(result, dir);
        System.out.print(TextSummary.of(result));
        System.out.println("Report: " + dir.resolve("report.html") + "  result: " + dir.resolve("result.json")
                + "  node logs: " + dir.resolve("cluster"));
        return result.valid() ? 0 : 1;
    }

    private ChaosCluster cluster(Path dir) throws IOException {
        LogRetention retention = new LogRetention(snapshotEvery, LocalBackend.FREQUENT_SNAPSHOTS.snapshotsRetained(),
                LocalBackend.FREQUENT_SNAPSHOTS.segmentBytes());
        return backend.equals("docker") ? new DockerBackend(dir, nodes, image, retention)
                : new LocalBackend(dir, nodes, Nemeses.wantClockSkew(nemeses), retention);
    }
}
