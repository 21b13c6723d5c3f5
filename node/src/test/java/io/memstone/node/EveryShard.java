package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memstone.command.Slots;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * One key in each slot range of CLUSTER SLOTS (one per shard), and the check that every gateway
 * writes and reads each of them: each gateway leads some shards (its own path into Raft) and
 * forwards to the others (its shard clients), so both paths are taken on every node.
 */
final class EveryShard {
    private EveryShard() {}

    /** A key named {@code prefix:N} in each slot range the cluster serves. */
    static List<String> keys(TestCluster cluster, String prefix) {
        List<String> keys = new ArrayList<>();
        try (Jedis j = cluster.jedis(0)) {
            for (Object range : j.clusterSlots()) {
                List<?> r = (List<?>) range;
                keys.add(keyIn(prefix, (Long) r.get(0), (Long) r.get(1)));
            }
        }
        return keys;
    }

    private static String keyIn(String prefix, long first, long last) {
        for (int n = 0; ; n++) {
            String key = prefix + ":" + n;
            int slot = Slots.slot(key.getBytes(StandardCharsets.UTF_8));
            if (slot >= first && slot <= last) return key;
        }
    }

    /** Every running gateway writes a key of every shard, and every one reads what the last wrote. */
    static void assertEveryGatewayWritesAndReadsEveryShard(TestCluster cluster, String prefix) {
        List<String> keys = keys(cluster, prefix);
        List<Integer> gateways = java.util.stream.IntStream.range(0, cluster.nodes.configs().size())
                .filter(i -> cluster.nodes.process(i).isPresent()).boxed().toList();
        for (int writer : gateways) {
            try (Jedis j = cluster.jedis(writer)) {
                for (String key : keys) assertEquals("OK", j.set(key, "from-" + writer), "SET " + key + " through node " + writer);
            }
        }
        String last = "from-" + gateways.get(gateways.size() - 1);
        for (int reader : gateways) {
            try (Jedis j = cluster.jedis(reader)) {
                for (String key : keys) assertEquals(last, j.get(key), "GET " + key + " through node " + reader);
            }
        }
    }
}
