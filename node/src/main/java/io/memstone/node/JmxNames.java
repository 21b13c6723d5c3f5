package io.memstone.node;

import com.codahale.metrics.jmx.ObjectNameFactory;
import io.memstone.gateway.MetricName;
import java.util.Hashtable;
import java.util.Map;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * JMX names for Memstone's metrics: the family becomes the {@code name} key and each label a
 * key of its own, so {@code memstone_raft_term{shard="shard-0"}} is the MBean
 * {@code memstone:name=memstone_raft_term,shard=shard-0,type=gauges} and tools can filter by label.
 */
final class JmxNames implements ObjectNameFactory {
    @Override
    public ObjectName createName(String type, String domain, String name) {
        MetricName.Parsed parsed = MetricName.parse(name);
        Hashtable<String, String> keys = new Hashtable<>();
        keys.put("name", value(parsed.family()));
        keys.put("type", type);
        for (Map.Entry<String, String> label : parsed.labels().entrySet()) {
            if (!label.getKey().equals("name") && !label.getKey().equals("type")) keys.put(label.getKey(), value(label.getValue()));
        }
        try {
            return new ObjectName(domain, keys);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("no JMX name for metric " + name, e);
        }
    }

    /** Quoted only when JMX requires it (a comma, equals sign, colon, quote, star, question mark or newline). */
    private static String value(String v) {
        for (char c : v.toCharArray()) {
            if (",=:\"*?\n".indexOf(c) >= 0) return ObjectName.quote(v);
        }
        return v;
    }
}
