package io.memstone.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code memstone chaos} given bad arguments: exit 2, one line and the usage, nothing started or written. */
class ChaosCommandLineTest {
    @TempDir
    Path out;

    static List<List<String>> badArguments() {
        return List.of(List.of("--nemesis", "kill"), List.of("--workload", "nosuch"), List.of("--bogus"),
                List.of("--time", "ten"), List.of("--backend", "vm"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsExitTwoWithOneLineAndNoStackTrace(List<String> args) throws Exception {
        CommandLine cmd = ChaosMain.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        cmd.setOut(new PrintWriter(new StringWriter()));
        Path results = out.resolve("results");
        String[] argv = java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of("--out", results.toString()))
                .toArray(String[]::new);
        int exit = cmd.execute(argv);
        String said = err.toString();
        assertEquals(2, exit, "chaos " + args + " said:\n" + said);
        assertFalse(said.contains("\tat "), "no stack trace for chaos " + args + ":\n" + said);
        assertTrue(said.lines().findFirst().orElse("").matches("(memstone chaos: |Unknown|Invalid|Unmatched).*"),
                "one line saying why first, for chaos " + args + ":\n" + said);
        assertFalse(Files.exists(results), "nothing is made for a run that cannot be made");
    }
}
