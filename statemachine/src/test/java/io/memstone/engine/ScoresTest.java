package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScoresTest {
    @Test
    void formatsLikePrintfPercent17g() {
        assertEquals("0.10000000000000001", Scores.format(0.1));
        assertEquals("1.5", Scores.format(1.5));
        assertEquals("-3", Scores.format(-3));
        assertEquals("10000000000000000", Scores.format(1e16));
        assertEquals("1e+17", Scores.format(1e17));
        assertEquals("1.2345678901234568e+17", Scores.format(123456789012345678.0));
        assertEquals("0.0001", Scores.format(1e-4));
        assertEquals("1.0000000000000001e-05", Scores.format(1e-5));
        assertEquals("4.9406564584124654e-324", Scores.format(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", Scores.format(Double.MAX_VALUE));
        assertEquals("1e+100", Scores.format(1e100));
        assertEquals("inf", Scores.format(Double.POSITIVE_INFINITY));
        assertEquals("-inf", Scores.format(Double.NEGATIVE_INFINITY));
        assertEquals("-0", Scores.format(-0.0));
        assertEquals("0", Scores.format(0.0));
    }

    @Test
    void strictParsingRefusesWhatGetDoubleFromObjectRefuses() {
        assertEquals(1.5, Scores.parseStrict(b("1.5")));
        assertEquals(16.0, Scores.parseStrict(b("0x10")));
        assertEquals(0.125, Scores.parseStrict(b("0x1p-3")));
        assertEquals(Double.NEGATIVE_INFINITY, Scores.parseStrict(b("-Infinity")));
        assertEquals(5.0, Scores.parseStrict(b("5.")));
        assertEquals(0.5, Scores.parseStrict(b(".5")));
        assertEquals(Double.MIN_VALUE, Scores.parseStrict(b("4.9e-324")));
        for (String bad : new String[] {"", " 1", "1 ", "nan", "1e400", "-1e400", "1e-400", "abc", "1\0", ".", "e5",
                "1e", "+", "0x", "infx"}) {
            assertNull(Scores.parseStrict(b(bad)), bad);
        }
    }

    @Test
    void strtodStopsAtTheFirstByteItCannotUse() {
        assertEquals(new Scores.Parsed(1, 1), Scores.strtod(b("1\0x"), 0));
        assertEquals(new Scores.Parsed(0, 0), Scores.strtod(b("x"), 0));
        assertEquals(new Scores.Parsed(0, 1), Scores.strtod(b("0x"), 0));
        assertEquals(new Scores.Parsed(2, 2), Scores.strtod(b(" 2e"), 0));
        assertEquals(new Scores.Parsed(20, 4), Scores.strtod(b("(2e1"), 1));
        assertEquals(Double.POSITIVE_INFINITY, Scores.strtod(b("1e99999999999"), 0).value());
        assertEquals(3, Scores.strtod(b("inf"), 0).end());
        assertEquals(8, Scores.strtod(b("infinity"), 0).end());
        assertEquals(8, Scores.strtod(b("nan(abc)"), 0).end());
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
