package io.memstone.node;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code memstone} command line. */
@Command(name = "memstone", mixinStandardHelpOptions = true, version = "memstone 0.1.0",
        description = "Durable, Redis-compatible, in-memory database on Raft.",
        subcommands = {NodeCommand.class, DemoCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
