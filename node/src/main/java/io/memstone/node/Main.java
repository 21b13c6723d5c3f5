package io.memstone.node;

import io.memstone.node.admin.cli.AdminCommand;
import io.memstone.node.rdb.RdbCommand;
import io.memstone.rdb.RdbFormatException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code memstone} command line. */
@Command(name = "memstone", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Durable, Redis-compatible, in-memory database on Raft.",
        subcommands = {NodeCommand.class, DemoCommand.class, RdbCommand.class, AdminCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class Main {
    /** The version the jar was built as (its manifest's), for {@code memstone --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"memstone " + (v != null ? v : "(not built as a jar)"),
                    "Java " + Runtime.version() + ", " + System.getProperty("java.vm.name")};
        }
    }

    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        // With 2 CPUs the common pool has one thread, and CompletableFuture's *Async methods
        // without an executor (Ratis and gRPC use them) then start a new thread per task.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) System.setProperty(COMMON_POOL_PARALLELISM, "4");
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@link #main} runs it; tests execute commands through it without exiting. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(Main::reportExpectedFailure);
    }

    /** A bad config, a busy port or a malformed RDB file is reported in one line; anything else with its stack trace. */
    private static int reportExpectedFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (!(e instanceof IllegalArgumentException || e instanceof java.io.IOException
                || e instanceof RdbFormatException)) {
            throw e;
        }
        String what = e instanceof java.io.IOException ? e.getClass().getSimpleName() + ": " : "";
        cmd.getErr().println("memstone: " + what + e.getMessage());
        return 2;
    }
}
