package io.memstone.engine;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The hand-written edge-case tables: named scripts of command lines, each run as its own test
 * on an emptied keyspace against redis-server and the engine.
 */
final class EdgeCaseScripts {
    private EdgeCaseScripts() {}

    record Script(String name, List<String> lines) {}

    static Script script(String name, String... lines) {
        return new Script(name, Arrays.asList(lines));
    }

    /** One test per script; {@code #list KEY} puts a list at KEY, any other line is compared. */
    static Stream<DynamicTest> tests(List<Script> scripts, Differential diff) {
        return tests(scripts, diff, line -> listOrCheck(diff, line));
    }

    /** One test per script, each line run by {@code runLine} (a table with directives of its own). */
    static Stream<DynamicTest> tests(List<Script> scripts, Differential diff, Consumer<String> runLine) {
        return scripts.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            diff.reset();
            s.lines().forEach(runLine);
        }));
    }

    static void listOrCheck(Differential diff, String line) {
        if (line.startsWith("#list ")) diff.listAt(line.substring(6));
        else diff.check(line);
    }
}
