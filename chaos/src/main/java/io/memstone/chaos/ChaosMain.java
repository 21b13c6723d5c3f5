package io.memstone.chaos;

import picocli.CommandLine;

/** Entry point of the chaos jar ({@code ./memstone chaos ...}). */
public final class ChaosMain {
    private ChaosMain() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChaosCommand()).execute(args));
    }
}
