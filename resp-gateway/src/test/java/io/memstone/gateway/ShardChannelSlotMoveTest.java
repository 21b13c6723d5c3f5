package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codahale.metrics.MetricRegistry;
import io.memstone.command.Slots;
import io.memstone.engine.Reply;
import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * When this node stops serving a shard channel's slot (it moved to a shard elsewhere), its
 * subscribers get a sunsubscribe push, as Redis sends on losing the slot, and SSUBSCRIBE to
 * it answers MOVED.
 */
class ShardChannelSlotMoveTest {
    /** A bus whose node serves every slot but those in {@link #moved}. */
    private static final class MovingBus implements PubSubBus {
        final Set<Integer> moved = ConcurrentHashMap.newKeySet();

        @Override
        public CompletableFuture<Long> publish(boolean sharded, int slot, byte[] channel, byte[] message) {
            return LOCAL.publish(sharded, slot, channel, message);
        }

        @Override
        public CompletableFuture<List<PubSubQuery.Answer>> census(PubSubQuery query) {
            return LOCAL.census(query);
        }

        @Override
        public Reply redirect(int slot) {
            return moved.contains(slot) ? Reply.error("MOVED " + slot + " 127.0.0.1:1") : null;
        }
    }

    @Test
    void subscribersOfAMovedSlotAreToldAndNewSubscriptionsRedirected() {
        MovingBus bus = new MovingBus();
        try (EngineExecutor engine = new EngineExecutor();
                RespServer server = new RespServer("127.0.0.1", 0, engine, engine,
                        new GatewayServices(ReplicationInfo.STANDALONE, new LocalParameters(), new MetricRegistry(), bus,
                        ReadyKeySource.NONE))) {
            server.start();
            try (RawRespClient sub = RawRespClient.connect("127.0.0.1", server.boundPort());
                    RawRespClient other = RawRespClient.connect("127.0.0.1", server.boundPort())) {
                sub.callString("SSUBSCRIBE", "{a}moving");
                sub.callString("SSUBSCRIBE", "{b}staying");
                int slot = Slots.slot("{a}moving".getBytes(StandardCharsets.UTF_8));
                bus.moved.add(slot);
                // The push comes with the next periodic check; the read waits for it.
                assertEquals("*3\r\n$12\r\nsunsubscribe\r\n$9\r\n{a}moving\r\n:1\r\n", new String(sub.read(), StandardCharsets.UTF_8));
                assertEquals("*4\r\n$9\r\n{a}moving\r\n:0\r\n$10\r\n{b}staying\r\n:1\r\n",
                        other.callString("PUBSUB", "SHARDNUMSUB", "{a}moving", "{b}staying"));
                assertEquals("-MOVED " + slot + " 127.0.0.1:1\r\n", other.callString("SSUBSCRIBE", "{a}moving"));
            }
        }
    }
}
