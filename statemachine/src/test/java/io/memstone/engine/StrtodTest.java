package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrtodTest {
    @ParameterizedTest(name = "[{0}] = {1}")
    @CsvSource(delimiter = '|', value = {
            "1|1", "-2.5|-2.5", "+3|3", "' 7'|7", "'\t\n-1e3'|-1000", "1.|1", ".5|0.5", "1E2|100", "0x10|16",
            "0X1.8p1|3", "0x.8|0.5", "-0x1p-2|-0.25", "inf|Infinity", "-INF|-Infinity", "Infinity|Infinity",
            "1e308|1e308", "2.2250738585072014e-308|2.2250738585072014e-308", "0e999999|0", "-0|-0.0",
            "9223372036854775807|9.223372036854775807E18"})
    void readsWhatStrtodReads(String text, double expected) {
        assertEquals(expected, Strtod.parse(bytes(text)));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"abc", " ", "5 ", "1e", "0x", "1e5x", "nan", "NaN(123)", "-nan", "1e400", "-1e400",
            "1e-400", "1e-310", "0x1p-1080", "infinit", "--1", "1..2", "+", "."})
    void refusesPartialReadsNanAndRangeErrors(String text) {
        assertNull(Strtod.parse(bytes(text)));
    }

    @org.junit.jupiter.api.Test
    void theCStringEndsAtANulAndTheEmptyStringIsZero() {
        assertEquals(0.0, Strtod.parse(new byte[0]));
        assertEquals(12.0, Strtod.parse("12\0junk".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(0.0, Strtod.parse("\0".getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
