package io.memstone.chaos;

import picocli.CommandLine;

/** Entry point of the chaos jar ({@code ./memstone chaos ...}). */
public final class ChaosMain {
    private ChaosMain() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@link #main} runs it; tests execute it without exiting. */
    public static CommandLine commandLine() {
        return new CommandLine(new ChaosCommand()).setExecutionExceptionHandler(ChaosMain::runFailed);
    }

    /**
     * A run that could not be made exits with 2, not 1 (anomalies): a bad option value in one line
     * with the usage, the cluster's failure to start in one line, anything else with its stack.
     */
    private static int runFailed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof IllegalArgumentException) {
            cmd.getErr().println("memstone chaos: " + e.getMessage());
            cmd.usage(cmd.getErr());
        } else if (e instanceof java.io.IOException || e instanceof IllegalStateException) {
            cmd.getErr().println("memstone chaos: the run could not be made: " + e.getMessage());
        } else {
            cmd.getErr().println("memstone chaos: the run could not be made: " + e);
            e.printStackTrace(cmd.getErr());
        }
        return 2;
    }
}
