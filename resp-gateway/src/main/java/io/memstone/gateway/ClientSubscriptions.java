package io.memstone.gateway;

import io.memstone.engine.Key;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one connection is subscribed to, as Redis' client struct keeps it: channels, patterns
 * and shard channels. Changed on the connection's event loop; read (sizes) by CLIENT LIST from
 * other threads, hence concurrent sets.
 */
final class ClientSubscriptions {
    private final Set<Key> channels = ConcurrentHashMap.newKeySet();
    private final Set<Key> patterns = ConcurrentHashMap.newKeySet();
    private final Set<Key> shardChannels = ConcurrentHashMap.newKeySet();

    Set<Key> of(PubSubKind kind) {
        return switch (kind) {
            case CHANNEL -> channels;
            case PATTERN -> patterns;
            case SHARD -> shardChannels;
        };
    }

    /** The count a confirmation carries: channels and patterns together, shard channels apart (Redis 7.0). */
    int countFor(PubSubKind kind) {
        return kind == PubSubKind.SHARD ? shardChannels.size() : channels.size() + patterns.size();
    }

    /** Redis' CLIENT_PUBSUB flag: any subscription at all. */
    boolean active() {
        return !channels.isEmpty() || !patterns.isEmpty() || !shardChannels.isEmpty();
    }

    /** A snapshot of one kind, for unsubscribing from all of it while the set changes. */
    List<Key> snapshot(PubSubKind kind) {
        return List.copyOf(of(kind));
    }
}
