package io.memstone.gateway;

import io.memstone.command.Slots;
import io.memstone.engine.Glob;
import io.memstone.engine.Key;
import io.memstone.engine.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * The server's subscribers by channel, pattern and shard channel (Redis' server.pubsub_*
 * dicts), and the delivery of a message to this node's subscribers. Subscriptions change on
 * their connections' event loops; deliveries come from any thread (local PUBLISH, other nodes),
 * so each name's subscriber set is created and dropped atomically.
 */
public final class Subscriptions {
    private final Map<PubSubKind, Map<Key, Set<ClientSession>>> byKind = Map.of(
            PubSubKind.CHANNEL, new ConcurrentHashMap<>(),
            PubSubKind.PATTERN, new ConcurrentHashMap<>(),
            PubSubKind.SHARD, new ConcurrentHashMap<>());

    /** Adds the subscription; false if the client already had it. */
    boolean subscribe(ClientSession client, PubSubKind kind, Key name) {
        if (!client.subscriptions.of(kind).add(name)) return false;
        byKind.get(kind).compute(name, (k, set) -> {
            Set<ClientSession> s = set != null ? set : ConcurrentHashMap.newKeySet();
            s.add(client);
            return s;
        });
        return true;
    }

    /** Drops the subscription; false if the client did not have it. */
    boolean unsubscribe(ClientSession client, PubSubKind kind, Key name) {
        if (!client.subscriptions.of(kind).remove(name)) return false;
        byKind.get(kind).computeIfPresent(name, (k, set) -> {
            set.remove(client);
            return set.isEmpty() ? null : set;
        });
        return true;
    }

    /** A closed connection's subscriptions go with it. */
    void dropAll(ClientSession client) {
        for (PubSubKind kind : PubSubKind.values()) {
            for (Key name : client.subscriptions.snapshot(kind)) unsubscribe(client, kind, name);
        }
    }

    /**
     * Redis' removeChannelsInSlot: the shard channels of slots this node no longer serves are
     * dropped, and each subscriber is told with a sunsubscribe push, so that a cluster client
     * subscribes again where the slot went (SPUBLISH only reaches the slot's shard).
     */
    void dropUnserved(IntPredicate served) {
        for (Map.Entry<Key, Set<ClientSession>> e : byKind.get(PubSubKind.SHARD).entrySet()) {
            if (served.test(Slots.slot(e.getKey().bytes()))) continue;
            for (ClientSession c : List.copyOf(e.getValue())) {
                if (!unsubscribe(c, PubSubKind.SHARD, e.getKey())) continue;
                c.channel.push(new Reply.Push(List.of(Reply.bulk(PubSubKind.SHARD.unsubscribed), Reply.bulk(e.getKey().bytes()),
                        Reply.integer(c.subscriptions.countFor(PubSubKind.SHARD)))));
            }
        }
    }

    /**
     * Sends {@code message} to this node's subscribers of {@code channel} (and, for a classic
     * channel, of every matching pattern); returns how many receptions that made, as Redis'
     * pubsubPublishMessage counts them.
     */
    public long deliver(boolean sharded, byte[] channel, byte[] message) {
        PubSubKind kind = sharded ? PubSubKind.SHARD : PubSubKind.CHANNEL;
        Reply bulkChannel = Reply.bulk(channel);
        Reply bulkMessage = Reply.bulk(message);
        long receivers = 0;
        Set<ClientSession> direct = byKind.get(kind).get(new Key(channel));
        if (direct != null) {
            Reply push = new Reply.Push(List.of(Reply.bulk(kind.message), bulkChannel, bulkMessage));
            for (ClientSession c : direct) {
                c.channel.push(push);
                receivers++;
            }
        }
        if (sharded) return receivers;
        for (Map.Entry<Key, Set<ClientSession>> e : byKind.get(PubSubKind.PATTERN).entrySet()) {
            if (!Glob.matches(e.getKey().bytes(), channel)) continue;
            Reply push = new Reply.Push(List.of(Reply.bulk(PubSubKind.PATTERN.message), Reply.bulk(e.getKey().bytes()),
                    bulkChannel, bulkMessage));
            for (ClientSession c : e.getValue()) {
                c.channel.push(push);
                receivers++;
            }
        }
        return receivers;
    }

    /** How many channels (patterns, shard channels) have subscribers here. */
    long active(PubSubKind kind) {
        return byKind.get(kind).size();
    }

    /** This node's answer to a PUBSUB question. */
    public PubSubQuery.Answer census(PubSubQuery q) {
        Map<Key, Set<ClientSession>> names = byKind.get(q.sharded() ? PubSubKind.SHARD : PubSubKind.CHANNEL);
        return switch (q.what()) {
            case CHANNELS -> {
                byte[] pattern = q.args().isEmpty() ? null : q.args().get(0);
                List<byte[]> out = new ArrayList<>();
                for (Key k : names.keySet()) {
                    if (pattern == null || Glob.matches(pattern, k.bytes())) out.add(k.bytes());
                }
                yield new PubSubQuery.Answer(out, List.of());
            }
            case NUMSUB -> new PubSubQuery.Answer(List.of(), q.args().stream().map(c -> {
                Set<ClientSession> s = names.get(new Key(c));
                return (long) (s == null ? 0 : s.size());
            }).toList());
            case NUMPAT -> new PubSubQuery.Answer(
                    byKind.get(PubSubKind.PATTERN).keySet().stream().map(Key::bytes).toList(), List.of());
        };
    }
}
