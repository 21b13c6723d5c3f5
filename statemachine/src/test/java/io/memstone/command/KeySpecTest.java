package io.memstone.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Where the key specs put a command's keys, which routes it to a shard: a key count that names
 * more keys than there are arguments names none, as Redis' getKeysUsingKeySpecs has it, so the
 * command answers its own syntax error instead of CROSSSLOT over a stray token.
 */
class KeySpecTest {
    private static int[] keys(String line) {
        byte[][] argv = Arrays.stream(line.split(" ")).map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        return CommandTable.redis().lookup(line.split(" ")[0].toLowerCase()).keyPositions(argv);
    }

    @Test
    void aKeyCountWithinTheArgumentsNamesThoseKeys() {
        assertArrayEquals(new int[] {2, 3}, keys("LMPOP 2 a b LEFT"));
        assertArrayEquals(new int[] {2, 3, 4}, keys("LMPOP 3 a b LEFT"), "Redis takes LEFT for the third key too");
        assertArrayEquals(new int[] {3}, keys("EVAL return 1 k"));
        assertArrayEquals(new int[] {1, 3, 4}, keys("ZUNIONSTORE d 2 a b"));
    }

    @Test
    void aKeyCountBeyondTheArgumentsNamesNoKeys() {
        assertArrayEquals(new int[0], keys("LMPOP 9223372036854775807 a LEFT"));
        assertArrayEquals(new int[0], keys("LMPOP 4 a b LEFT"));
        assertArrayEquals(new int[0], keys("BLMPOP 0 3 a LEFT"));
        assertArrayEquals(new int[0], keys("ZMPOP -1 a MIN"));
        assertArrayEquals(new int[0], keys("EVAL return 0"));
        assertArrayEquals(new int[] {1}, keys("ZUNIONSTORE d 5 a b"), "the destination is its own spec");
    }
}
