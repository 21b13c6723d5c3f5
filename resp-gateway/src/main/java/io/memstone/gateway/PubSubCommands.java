package io.memstone.gateway;

import io.memstone.command.CommandSpec;
import io.memstone.command.Slots;
import io.memstone.engine.Key;
import io.memstone.engine.Reply;
import io.memstone.engine.RespWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Pub/Sub as in Redis 7.0's pubsub.c: (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PUBLISH, SPUBLISH and
 * PUBSUB. Messages reach this node's subscribers directly and the other nodes' through the
 * {@link PubSubBus}.
 *
 * <p>PUBLISH's count and PUBSUB's answers are cluster-wide: a client of any gateway sees one
 * server, as with every other command here. (Redis Cluster counts only the node's own
 * subscribers in both; Memstone gathers the other nodes' counts over the bus.)
 */
final class PubSubCommands {
    private static final Set<String> ALLOWED_WHILE_SUBSCRIBED = Set.of("subscribe", "psubscribe", "ssubscribe",
            "unsubscribe", "punsubscribe", "sunsubscribe", "ping", "quit", "reset");

    private final Subscriptions subscriptions;
    private final PubSubBus bus;

    PubSubCommands(Subscriptions subscriptions, PubSubBus bus) {
        this.subscriptions = subscriptions;
        this.bus = bus;
    }

    void register(CommandCatalog catalog) {
        catalog.sync("subscribe", (s, argv) -> subscribe(s, PubSubKind.CHANNEL, argv));
        catalog.sync("psubscribe", (s, argv) -> subscribe(s, PubSubKind.PATTERN, argv));
        catalog.sync("ssubscribe", (s, argv) -> {
            Reply refused = shardRefusal(argv, true);
            return refused != null ? refused : subscribe(s, PubSubKind.SHARD, argv);
        });
        catalog.sync("unsubscribe", (s, argv) -> unsubscribe(s, PubSubKind.CHANNEL, argv));
        catalog.sync("punsubscribe", (s, argv) -> unsubscribe(s, PubSubKind.PATTERN, argv));
        catalog.sync("sunsubscribe", (s, argv) -> {
            Reply refused = shardRefusal(argv, false);
            return refused != null ? refused : unsubscribe(s, PubSubKind.SHARD, argv);
        });
        // A publish waits for the connection's earlier writes, so a subscriber woken by it reads them.
        catalog.register("publish", Invocation.Kind.READ, (s, argv) -> publish(false, argv));
        catalog.register("spublish", Invocation.Kind.READ, (s, argv) -> publish(true, argv));
        registerCensus(catalog, "pubsub|channels", PubSubQuery.What.CHANNELS, false);
        registerCensus(catalog, "pubsub|numsub", PubSubQuery.What.NUMSUB, false);
        registerCensus(catalog, "pubsub|numpat", PubSubQuery.What.NUMPAT, false);
        registerCensus(catalog, "pubsub|shardchannels", PubSubQuery.What.CHANNELS, true);
        registerCensus(catalog, "pubsub|shardnumsub", PubSubQuery.What.NUMSUB, true);
    }

    /**
     * Redis' processCommand rule: a RESP2 connection with subscriptions may only (un)subscribe,
     * PING, QUIT and RESET; null when {@code spec} may run.
     */
    static Reply refusal(ClientSession session, CommandSpec spec) {
        if (session.protocol != RespWriter.RESP2 || !session.subscriptions.active()
                || ALLOWED_WHILE_SUBSCRIBED.contains(spec.fullName())) {
            return null;
        }
        return Reply.error("ERR Can't execute '" + spec.fullName()
                + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
    }

    private Reply subscribe(ClientSession session, PubSubKind kind, byte[][] argv) {
        List<Reply> confirmations = new ArrayList<>(argv.length - 1);
        for (int i = 1; i < argv.length; i++) {
            subscriptions.subscribe(session, kind, new Key(argv[i]));
            confirmations.add(confirmation(kind.subscribed, Reply.bulk(argv[i]), session, kind));
        }
        return new Reply.Sequence(confirmations);
    }

    /** Without arguments, from everything of the kind; with none, one confirmation naming no channel. */
    private Reply unsubscribe(ClientSession session, PubSubKind kind, byte[][] argv) {
        List<Key> names = argv.length > 1
                ? Arrays.stream(argv, 1, argv.length).map(Key::new).toList()
                : session.subscriptions.snapshot(kind);
        if (names.isEmpty()) return confirmation(kind.unsubscribed, Reply.NULL, session, kind);
        List<Reply> confirmations = new ArrayList<>(names.size());
        for (Key name : names) {
            subscriptions.unsubscribe(session, kind, name);
            confirmations.add(confirmation(kind.unsubscribed, Reply.bulk(name.bytes()), session, kind));
        }
        return new Reply.Sequence(confirmations);
    }

    private static Reply confirmation(String word, Reply name, ClientSession session, PubSubKind kind) {
        return new Reply.Push(List.of(Reply.bulk(word), name, Reply.integer(session.subscriptions.countFor(kind))));
    }

    /**
     * Redis Cluster's checks on shard channels: all in one slot, and (to subscribe) a slot this
     * node serves. Null when none applies.
     */
    private Reply shardRefusal(byte[][] argv, boolean subscribing) {
        if (argv.length < 2) return null;
        int slot = Slots.slot(argv[1]);
        for (int i = 2; i < argv.length; i++) {
            if (Slots.slot(argv[i]) != slot) return GatewayErrors.CROSSSLOT;
        }
        return subscribing ? bus.redirect(slot) : null;
    }

    private CompletableFuture<Reply> publish(boolean sharded, byte[][] argv) {
        int slot = sharded ? Slots.slot(argv[1]) : -1;
        long local = subscriptions.deliver(sharded, argv[1], argv[2]);
        return bus.publish(sharded, slot, argv[1], argv[2]).thenApply(remote -> Reply.integer(local + remote));
    }

    private void registerCensus(CommandCatalog catalog, String name, PubSubQuery.What what, boolean sharded) {
        catalog.register(name, Invocation.Kind.LOCAL, (s, argv) -> {
            // CHANNELS takes at most one pattern.
            if (what == PubSubQuery.What.CHANNELS && argv.length > 3) {
                return CompletableFuture.completedFuture(GatewayErrors.subcommandSyntax(argv));
            }
            PubSubQuery q = new PubSubQuery(what, sharded, Arrays.asList(argv).subList(2, argv.length));
            PubSubQuery.Answer mine = subscriptions.census(q);
            return bus.census(q).thenApply(others -> {
                List<PubSubQuery.Answer> all = new ArrayList<>(others);
                all.add(mine);
                return combine(q, all);
            });
        });
    }

    /** The cluster's answer from every node's: channels and patterns as a union, counts summed. */
    private static Reply combine(PubSubQuery q, List<PubSubQuery.Answer> answers) {
        if (q.what() == PubSubQuery.What.NUMSUB) {
            List<Reply> flat = new ArrayList<>();
            for (int i = 0; i < q.args().size(); i++) {
                long n = 0;
                for (PubSubQuery.Answer a : answers) n += a.counts().get(i);
                flat.add(Reply.bulk(q.args().get(i)));
                flat.add(Reply.integer(n));
            }
            return Reply.array(flat);
        }
        Set<Key> names = new LinkedHashSet<>();
        for (PubSubQuery.Answer a : answers) a.names().forEach(n -> names.add(new Key(n)));
        if (q.what() == PubSubQuery.What.NUMPAT) return Reply.integer(names.size());
        return Reply.array(names.stream().map(k -> Reply.bulk(k.bytes())).toList());
    }
}
