package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The keys an applied write reports to the gateway's blocked clients: those a list, sorted set
 * or stream can be taken from now, and a stream deleted or replaced (a waiting XREADGROUP is
 * told), but not a list or sorted set emptied (nobody waits for that).
 */
class ReadyKeysTest {
    private final EngineRunner runner = new EngineRunner();

    private List<String> readyAfter(String... command) {
        byte[][] argv = new byte[command.length][];
        for (int i = 0; i < command.length; i++) argv[i] = command[i].getBytes(StandardCharsets.UTF_8);
        runner.callAsWrite(argv);
        return runner.engine().readyKeys().stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void streamsAreReadyWhenTheyChangeAndWhenTheyGo() {
        assertEquals(List.of("s"), readyAfter("xadd", "s", "1-0", "f", "v"));
        assertEquals(List.of("s"), readyAfter("xgroup", "create", "s", "g", "$"));
        assertEquals(List.of("s"), readyAfter("del", "s"));
        assertEquals(List.of(), readyAfter("del", "s"));
        readyAfter("xadd", "s", "1-0", "f", "v");
        assertEquals(List.of("s"), readyAfter("set", "s", "now a string"));
        assertEquals(List.of(), readyAfter("set", "s", "again"));
    }

    @Test
    void aGroupReadThatFindsNothingLeavesItsStreamUnready() {
        readyAfter("xgroup", "create", "s", "g", "$", "mkstream");
        // A blocked reader's empty try must not wake the readers of its key, itself included:
        // that was a storm of retries, and a later entry went to whichever try came first.
        assertEquals(List.of(), readyAfter("xreadgroup", "group", "g", "c1", "count", "1", "streams", "s", ">"));
        readyAfter("xadd", "s", "1-0", "f", "v");
        assertEquals(List.of("s"), readyAfter("xreadgroup", "group", "g", "c1", "count", "1", "streams", "s", ">"));
    }

    @Test
    void listsAreReadyWhenPushedNotWhenEmptied() {
        assertEquals(List.of("q"), readyAfter("rpush", "q", "a"));
        assertEquals(List.of(), readyAfter("lpop", "q"));
        readyAfter("rpush", "q", "a");
        assertEquals(List.of(), readyAfter("del", "q"));
    }
}
