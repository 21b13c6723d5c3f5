package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            // A lone * does not match the empty string: only KEYS special-cases it.
            "*|anything|true", "*|''|false", "''|''|true", "''|a|false",
            "h?llo|hello|true", "h?llo|hllo|false",
            "h*llo|hllo|true", "h*llo|heeeello|true", "h*llo|hellox|false",
            "h[ae]llo|hallo|true", "h[ae]llo|hillo|false",
            "h[^e]llo|hallo|true", "h[^e]llo|hello|false",
            "h[a-c]llo|hbllo|true", "h[c-a]llo|hbllo|true", "h[a-c]llo|hdllo|false",
            "h\\*llo|h*llo|true", "h\\*llo|hello|false",
            "[\\]]|]|true", "[a-]|-|false", // a range from a to ]
            "a\\|a\\|true", "[|[|false", "*a*a*a*a*a*a*a*a*b|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|false",
            "a**|a|true", "**|''|false"})
    void matchesLikeRedisStringmatchlen(String pattern, String string, boolean expected) {
        assertEquals(expected, Glob.matches(pattern.getBytes(StandardCharsets.UTF_8), string.getBytes(StandardCharsets.UTF_8)),
                () -> "pattern " + pattern + " against " + string);
    }

    /** Issue 13: Redis' nesting limit, which also keeps a long pattern from overflowing the stack. */
    @Test
    void starsNestedBeyondAThousandMatchNothingAndDoNotOverflowTheStack() {
        byte[] a = "a".repeat(300_000).getBytes(StandardCharsets.UTF_8);
        assertTrue(Glob.matches("*a".repeat(1000).getBytes(StandardCharsets.UTF_8), a), "1000 nested stars");
        assertFalse(Glob.matches("*a".repeat(1001).getBytes(StandardCharsets.UTF_8), a), "1001 nested stars");
        assertFalse(Glob.matches("*a".repeat(200_000).getBytes(StandardCharsets.UTF_8), a), "200,000 nested stars");
        assertTrue(Glob.matches("*".repeat(200_000).getBytes(StandardCharsets.UTF_8), a), "consecutive stars nest once");
    }

    @Test
    void rangesCompareBytesAsSignedChars() {
        // [a-\xff] in C with signed char is [\xff-a] reversed: it spans -1..97, so 'b' is out.
        byte[] pattern = {'[', 'a', '-', (byte) 0xff, ']'};
        assertFalse(Glob.matches(pattern, new byte[] {'b'}));
        assertTrue(Glob.matches(pattern, new byte[] {'0'}));
    }
}
