package io.memstone.node;

import io.memstone.command.Slots;
import io.memstone.node.rdb.RespConnection;
import io.memstone.proto.admin.ShardView;
import io.memstone.proto.meta.SlotRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Readiness as a client sees it: a gateway is ready when it completes a write on every shard.
 * The write is a DEL of a key that never exists: it goes through the shard's log like any
 * write and leaves nothing behind.
 */
final class ServingProbe {
    private static final int READ_TIMEOUT_MS = 5_000;

    private ServingProbe() {}

    /** A key in the shard's first slot range. */
    static byte[] keyOf(ShardView shard) {
        SlotRange range = shard.getSlots(0);
        for (int n = 0; ; n++) {
            byte[] key = ("memstone:ready:" + n).getBytes(StandardCharsets.US_ASCII);
            int slot = Slots.slot(key);
            if (slot >= range.getFirst() && slot <= range.getLast()) return key;
        }
    }

    /** Null when the gateway at host:port wrote the key's shard; else what went wrong. */
    static String write(String host, int port, byte[] key) {
        try (RespConnection c = new RespConnection(host, port, READ_TIMEOUT_MS)) {
            Object reply = c.call(RespConnection.ascii("DEL"), key);
            return reply instanceof Long ? null : String.valueOf(reply);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
