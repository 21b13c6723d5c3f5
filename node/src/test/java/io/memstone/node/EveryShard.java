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
        for (long[] range : slotRanges(cluster)) keys.add(keyIn(prefix, range[0], range[1]));
        return keys;
    }

    /** CLUSTER SLOTS' ranges, {first, last} each, in its order. */
    static List<long[]> slotRanges(TestCluster cluster) {
        List<long[]> ranges = new ArrayList<>();
        try (Jedis j = cluster.jedis(0)) {
            for (Object range : j.clusterSlots()) {
                List<?> r = (List<?>) range;
                ranges.add(new long[] {(Long) r.get(0), (Long) r.get(1)});
            }
        }
        return ranges;
    }

    /** The index in {@code ranges} of the range holding the key's slot. */
    static int rangeOf(List<long[]> ranges, String key) {
        int slot = Slots.slot(key.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < ranges.size(); i++) {
            if (slot >= ranges.get(i)[0] && slot <= ranges.get(i)[1]) return i;
        }
        throw new IllegalStateException("no range holds slot " + slot);
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
