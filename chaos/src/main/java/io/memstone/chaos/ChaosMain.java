package io.memstone.chaos;

import picocli.CommandLine;

/** Entry point of the chaos jar ({@code ./memstone chaos ...}). */
public final class ChaosMain {
    private ChaosMain() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChaosCommand())
                .setExecutionExceptionHandler(ChaosMain::runFailed)
                .execute(args));
    }

    /** A run that could not be made (the cluster did not start, a bad option) exits with 2, not 1 (anomalies). */
    private static int runFailed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println("memstone chaos: the run could not be made: " + e);
        e.printStackTrace(cmd.getErr());
        return 2;
    }
}
