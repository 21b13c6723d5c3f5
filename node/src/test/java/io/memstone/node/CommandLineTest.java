package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The {@code memstone} command line: every subcommand given bad arguments exits 2 with one line
 * saying why and no stack trace; version and shell completion.
 */
class CommandLineTest {
    static List<List<String>> badArguments() {
        return List.of(
                List.of("--bogus"),
                List.of("nosuch"),
                List.of("demo", "--bogus"),
                List.of("demo", "--shards", "three"),
                List.of("node"),
                List.of("node", "--config", "/nonexistent/memstone.properties"),
                List.of("admin", "describe", "--port", "abc"),
                List.of("admin", "nosuch"),
                List.of("rdb", "import", "--bogus"),
                List.of("rdb", "export", "--port", "x"));
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(List<String> argv) {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(argv.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsExitTwoWithOneLineAndNoStackTrace(List<String> argv) {
        Run r = run(argv);
        String said = r.err();
        assertEquals(2, r.exit(), "memstone " + argv + " said:\n" + said + r.out());
        assertFalse(said.isBlank(), "memstone " + argv + " must say why");
        assertFalse(said.contains("\tat "), "no stack trace for memstone " + argv + ":\n" + said);
        String first = said.lines().findFirst().orElse("");
        assertTrue(first.startsWith("memstone: ") || first.startsWith("Unknown") || first.startsWith("Invalid")
                || first.startsWith("Missing") || first.startsWith("Unmatched"), "one line saying why first, for memstone " + argv + ":\n" + said);
    }

    @Test
    void versionNamesMemstoneAndTheJava() {
        Run r = run(List.of("--version"));
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("memstone "), r.out());
        assertTrue(r.out().contains("Java " + Runtime.version()), r.out());
    }

    @Test
    void bashCompletionCompletesTheSubcommands() {
        Run r = run(List.of("generate-completion"));
        assertEquals(0, r.exit(), r.err());
        for (String sub : List.of("node", "demo", "rdb", "admin")) {
            assertTrue(r.out().contains(sub), "completion for " + sub);
        }
        assertTrue(r.out().contains("complete -F"), "a bash completion script");
    }
}
