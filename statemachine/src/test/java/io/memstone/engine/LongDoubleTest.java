package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LongDoubleTest {
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            "0.1, 0.2, 0.3",              // exact in 64-bit significand at 17 digits, unlike double
            "10.5, 0.1, 10.6",
            "3.0e3, 5.0e3, 8000",
            "0, 1e-5, 0.00001",
            "-10.5, 10.5, 0",
            "0, -1e-20, 0",               // rounds to -0.000..., which Redis writes as 0
            "9223372036854775807, 1, 9223372036854775808",
            "0, 0x1.8p1, 3",
            "0, 1.5e-320, 0"})
    void sumsFormatLikeRedisIncrbyfloat(String a, String b, String expected) {
        assertEquals(expected, parse(a).add(parse(b)).toHumanString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "1e", ".", "abc", "nan", "1e5000", "1e-5000", "0x", "1\u0000"})
    void parseRejectsInvalidFloats(String s) {
        assertNull(parse(s), () -> "accepted " + s);
    }

    @Test
    void infinityParsesButSumIsInfinite() {
        assertTrue(parse("inf").add(parse("1")).isInfinite());
        assertTrue(parse("1e4932").add(parse("1e4932")).isInfinite());
    }

    @Test
    void seventeenDecimalsAreKept() {
        assertEquals("0.00000000000000001", parse("0").add(parse("0.00000000000000001")).toHumanString());
    }

    private static LongDouble parse(String s) {
        return LongDouble.parse(s.getBytes(StandardCharsets.US_ASCII));
    }
}
