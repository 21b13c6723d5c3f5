package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import io.memstone.gateway.MetricName;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class JmxNamesTest {
    @Test
    void labelsBecomeObjectNameKeysOfRealMBeans() throws Exception {
        MetricRegistry registry = new MetricRegistry();
        registry.register(MetricName.of("memstone_raft_term", "shard", "shard-0"), (Gauge<Long>) () -> 42L);
        registry.counter(MetricName.of("memstone_command_calls_total", "command", "client|list")).inc(3);
        registry.counter(MetricName.of("memstone_odd_total", "value", "a,b=c")).inc();
        try (JmxReporter jmx = JmxReporter.forRegistry(registry).inDomain("memstone-test")
                .createsObjectNamesWith(new JmxNames()).build()) {
            jmx.start();
            var server = ManagementFactory.getPlatformMBeanServer();
            assertEquals(42L, server.getAttribute(
                    new ObjectName("memstone-test:name=memstone_raft_term,shard=shard-0,type=gauges"), "Value"));
            assertEquals(3L, server.getAttribute(
                    new ObjectName("memstone-test:name=memstone_command_calls_total,command=client|list,type=counters"), "Count"));
            assertEquals(1L, server.getAttribute(new ObjectName("memstone-test:name=memstone_odd_total,type=counters,value="
                    + ObjectName.quote("a,b=c")), "Count"), "values JMX cannot take bare are quoted");
        }
    }
}
