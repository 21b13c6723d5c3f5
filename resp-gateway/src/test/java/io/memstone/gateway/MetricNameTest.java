package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricNameTest {
    @Test
    void labelsAreWrittenInPrometheusSyntaxAndReadBack() {
        String name = MetricName.of("memstone_x_total", "command", "client|list", "odd", "a\"b\\c\nd");
        assertEquals("memstone_x_total{command=\"client|list\",odd=\"a\\\"b\\\\c\\nd\"}", name);
        assertEquals(new MetricName.Parsed("memstone_x_total", Map.of("command", "client|list", "odd", "a\"b\\c\nd")),
                MetricName.parse(name));
        assertEquals("memstone_x_total", MetricName.family(name));
        assertEquals("command=\"client|list\",odd=\"a\\\"b\\\\c\\nd\"", MetricName.labels(name));
    }

    @Test
    void aNameWithoutLabelsIsItsOwnFamily() {
        assertEquals("memstone_up", MetricName.of("memstone_up"));
        assertEquals(new MetricName.Parsed("memstone_up", Map.of()), MetricName.parse("memstone_up"));
        assertEquals("", MetricName.labels("memstone_up"));
    }
}
