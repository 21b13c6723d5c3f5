package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MonitorLineTest {
    @Test
    void argumentsAreQuotedAndEscapedLikeSdscatrepr() {
        byte[][] argv = {"set".getBytes(StandardCharsets.US_ASCII), "a b".getBytes(StandardCharsets.US_ASCII),
                {'x', '"', '\\', '\n', '\r', '\t', 7, '\b', 1, (byte) 0xff}};
        assertEquals("1339518083.000042 [0 127.0.0.1:60866] \"set\" \"a b\" \"x\\\"\\\\\\n\\r\\t\\a\\b\\x01\\xff\"",
                MonitorLine.format(1_339_518_083_000_042L, "127.0.0.1:60866", argv));
    }
}
