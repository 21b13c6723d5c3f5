package io.memstone.chaos.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * iptables inside a container's network namespace, entered from the host with nsenter: the image
 * needs no iptables and the container no extra capability, and the host's own rules are never
 * touched. A namespace lives as long as the container runs, so a restarted container starts
 * with no rules.
 */
final class NamespaceIptables {
    private NamespaceIptables() {}

    /** Why rules cannot be set in containers' namespaces from here, or null when they can. */
    static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) return "not running as root (nsenter needs it)";
        for (List<String> probe : List.of(List.of("nsenter", "--version"), List.of("iptables", "--version"))) {
            try {
                run(probe);
            } catch (IOException e) {
                return probe.get(0) + " does not work here (apt-get install -y util-linux iptables): " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return null;
    }

    /** Drops every packet the process's namespace sends to the address. */
    static void dropTo(long pid, String address) throws IOException, InterruptedException {
        iptables(pid, "-A", "OUTPUT", "-d", address, "-j", "DROP");
    }

    /** Removes every rule of the namespace's OUTPUT chain (the only rules there are ours). */
    static void flush(long pid) throws IOException, InterruptedException {
        iptables(pid, "-F", "OUTPUT");
    }

    private static void iptables(long pid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-n", "iptables", "-w"));
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.trim());
        }
    }
}
