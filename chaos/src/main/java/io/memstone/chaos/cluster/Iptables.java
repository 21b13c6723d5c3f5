package io.memstone.chaos.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network partitions between local node processes with iptables. All loopback connections leave
 * from 127.0.0.1 whatever the node, so packets are told apart by their sender's group id: each node
 * process runs under its own gid (setpriv), and a rule in a chain of our own drops, in OUTPUT,
 * packets of node A's gid to node B's Raft address. Every rule lives in that chain, which
 * {@link #close} removes with its jump.
 */
final class Iptables implements AutoCloseable {
    private final String chain;
    private boolean installed;

    Iptables(String chain) {
        this.chain = chain;
    }

    /** Why iptables partitions cannot be used here, or null when they can. */
    static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) return "not running as root";
        if (!Files.isExecutable(Path.of("/usr/bin/setpriv"))) return "setpriv (util-linux) not installed";
        try {
            Process p = new ProcessBuilder("iptables", "-w", "-n", "-L", "OUTPUT").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return "iptables does not work: " + out.trim();
            return null;
        } catch (IOException e) {
            return "iptables not installed (apt-get install -y iptables)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The command that runs a node process under the group id its rules match. */
    static List<String> launcher(int gid) {
        return List.of("setpriv", "--regid", Integer.toString(gid), "--clear-groups", "--");
    }

    synchronized void install() throws IOException, InterruptedException {
        run("-N", chain);
        installed = true;
        run("-I", "OUTPUT", "-j", chain);
    }

    synchronized void drop(int fromGid, String toHost, int toPort) throws IOException, InterruptedException {
        run("-A", chain, "-m", "owner", "--gid-owner", Integer.toString(fromGid),
                "-p", "tcp", "-d", toHost, "--dport", Integer.toString(toPort), "-j", "DROP");
    }

    synchronized void flush() throws IOException, InterruptedException {
        run("-F", chain);
    }

    /** Removes the jump, the rules and the chain; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (!installed) return;
        installed = false;
        // Each step on its own: a failed one must not leave the others undone.
        for (String[] step : new String[][] {{"-D", "OUTPUT", "-j", chain}, {"-F", chain}, {"-X", chain}}) {
            try {
                run(step);
            } catch (IOException | InterruptedException e) {
                System.err.println("chaos: could not undo iptables " + String.join(" ", step) + ": " + e.getMessage());
            }
        }
    }

    private static void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("iptables", "-w"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.trim());
        }
    }
}
