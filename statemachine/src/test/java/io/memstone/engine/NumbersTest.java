package io.memstone.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {
    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-1", "42", "9223372036854775807", "-9223372036854775808"})
    void string2llAcceptsCanonicalIntegers(String s) {
        assertEquals(Long.parseLong(s), Numbers.string2ll(bytes(s)).getAsLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+1", " 1", "1 ", "01", "-0", "00", "1.0", "1e3", "abc",
            "9223372036854775808", "-9223372036854775809", "99999999999999999999", "1\u0000"})
    void string2llRejectsWhatRedisRejects(String s) {
        assertTrue(Numbers.string2ll(bytes(s)).isEmpty(), () -> "accepted " + s);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
