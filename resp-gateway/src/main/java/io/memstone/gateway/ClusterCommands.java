package io.memstone.gateway;

import io.memstone.command.Slots;
import io.memstone.engine.Errors;
import io.memstone.engine.Numbers;
import io.memstone.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The Redis Cluster protocol (Redis' cluster.c): CLUSTER INFO, SLOTS, SHARDS, NODES, MYID,
 * MYSHARDID, KEYSLOT, COUNTKEYSINSLOT, GETKEYSINSLOT, and READONLY, READWRITE, ASKING.
 *
 * <p>A Memstone node belongs to several shards and leads some of them, which Redis' one-role
 * nodes cannot say. CLUSTER SLOTS and SHARDS give each shard its own primary and replicas;
 * CLUSTER NODES lists each node once, as a master of the slots of the shards it leads, or as
 * a replica of its first shard's leader when it leads none. Every gateway forwards any key, so
 * a client that follows a slightly stale map still gets the right answer.
 */
final class ClusterCommands {
    private static final Reply NOT_BOOTSTRAPPED = Reply.error("CLUSTERDOWN The cluster is not bootstrapped yet");
    private static final Reply INVALID_SLOT = Reply.error("ERR Invalid slot");
    private static final Reply INVALID_SLOT_OR_COUNT = Reply.error("ERR Invalid slot or number of keys");
    private static final byte[] COUNT_KEYS = "__countkeysinslots".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GET_KEYS = "__getkeysinslot".getBytes(StandardCharsets.US_ASCII);

    private final ServerInfo server;
    private final CommandExecutor executor;

    ClusterCommands(ServerInfo server, CommandExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    void register(CommandCatalog catalog) {
        catalog.sync("cluster|info", (s, argv) -> withView(this::info));
        catalog.sync("cluster|slots", (s, argv) -> withView(ClusterCommands::slots));
        catalog.sync("cluster|shards", (s, argv) -> withView(ClusterCommands::shards));
        catalog.sync("cluster|nodes", (s, argv) -> withView(v -> Reply.bulk(ClusterNodesText.render(v))));
        catalog.sync("cluster|myid", (s, argv) -> withView(v -> Reply.bulk(ClusterView.nodeId(v.self()))));
        catalog.sync("cluster|myshardid", (s, argv) -> withView(ClusterCommands::myShardId));
        catalog.sync("cluster|keyslot", (s, argv) -> Reply.integer(Slots.slot(argv[2])));
        catalog.register("cluster|countkeysinslot", Invocation.Kind.READ, this::countKeysInSlot);
        catalog.register("cluster|getkeysinslot", Invocation.Kind.READ, this::getKeysInSlot);
        catalog.sync("readonly", (s, argv) -> {
            s.readOnly = true;
            return Reply.OK;
        });
        catalog.sync("readwrite", (s, argv) -> {
            s.readOnly = false;
            return Reply.OK;
        });
        // Slots never migrate yet, so there is nothing for ASKING to allow.
        catalog.sync("asking", (s, argv) -> Reply.OK);
    }

    private Reply withView(java.util.function.Function<ClusterView, Reply> answer) {
        ClusterView view = server.cluster();
        return view == null ? NOT_BOOTSTRAPPED : answer.apply(view);
    }

    private Reply info(ClusterView v) {
        int assigned = 0;
        int ok = 0;
        for (ClusterView.Shard s : v.shards()) {
            int n = s.slots().stream().mapToInt(r -> r[1] - r[0] + 1).sum();
            assigned += n;
            if (s.hasLeader()) ok += n;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("cluster_state", ok == Slots.COUNT ? "ok" : "fail");
        f.put("cluster_slots_assigned", assigned);
        f.put("cluster_slots_ok", ok);
        f.put("cluster_slots_pfail", 0);
        f.put("cluster_slots_fail", assigned - ok);
        f.put("cluster_known_nodes", v.nodes().size());
        f.put("cluster_size", v.shards().stream().map(ClusterView.Shard::primary).distinct().count());
        f.put("cluster_current_epoch", v.epoch());
        f.put("cluster_my_epoch", v.epoch());
        f.put("cluster_stats_messages_sent", 0);
        f.put("cluster_stats_messages_received", 0);
        f.put("total_cluster_links_buffer_limit_exceeded", 0);
        StringBuilder out = new StringBuilder();
        f.forEach((k, val) -> out.append(k).append(':').append(val).append("\r\n"));
        return new Reply.Verbatim("txt", out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One entry per slot range, ordered by first slot: [first, last, primary, replicas...]. */
    private static Reply slots(ClusterView v) {
        record Range(int[] slots, ClusterView.Shard shard) {}
        List<Range> ranges = new ArrayList<>();
        for (ClusterView.Shard s : v.shards()) s.slots().forEach(r -> ranges.add(new Range(r, s)));
        ranges.sort(Comparator.comparingInt(r -> r.slots()[0]));
        List<Reply> out = new ArrayList<>();
        for (Range r : ranges) {
            List<Reply> entry = new ArrayList<>(List.of(Reply.integer(r.slots()[0]), Reply.integer(r.slots()[1])));
            for (String member : primaryFirst(r.shard())) {
                ClusterView.Node n = v.node(member);
                if (n != null) entry.add(Reply.array(List.of(Reply.bulk(n.host()), Reply.integer(n.port()),
                        Reply.bulk(ClusterView.nodeId(n.name())), new Reply.MapReply(List.of()))));
            }
            out.add(Reply.array(entry));
        }
        return Reply.array(out);
    }

    private static Reply shards(ClusterView v) {
        List<Reply> out = new ArrayList<>();
        for (ClusterView.Shard s : v.shards()) {
            List<Reply> slots = new ArrayList<>();
            s.slots().forEach(r -> {
                slots.add(Reply.integer(r[0]));
                slots.add(Reply.integer(r[1]));
            });
            List<Reply> nodes = new ArrayList<>();
            for (String member : primaryFirst(s)) {
                ClusterView.Node n = v.node(member);
                if (n == null) continue;
                nodes.add(new Reply.MapReply(List.of(
                        Reply.bulk("id"), Reply.bulk(ClusterView.nodeId(n.name())),
                        Reply.bulk("port"), Reply.integer(n.port()),
                        Reply.bulk("ip"), Reply.bulk(n.host()),
                        Reply.bulk("endpoint"), Reply.bulk(n.host()),
                        Reply.bulk("role"), Reply.bulk(member.equals(s.primary()) ? "master" : "replica"),
                        Reply.bulk("replication-offset"), Reply.integer(0),
                        Reply.bulk("health"), Reply.bulk("online"))));
            }
            out.add(new Reply.MapReply(List.of(Reply.bulk("slots"), Reply.array(slots),
                    Reply.bulk("nodes"), Reply.array(nodes))));
        }
        return Reply.array(out);
    }

    private static List<String> primaryFirst(ClusterView.Shard s) {
        List<String> members = new ArrayList<>(List.of(s.primary()));
        s.members().stream().filter(m -> !m.equals(s.primary())).forEach(members::add);
        return members;
    }

    /** The shard this node leads, else the first it is a member of. */
    private static Reply myShardId(ClusterView v) {
        return v.shards().stream().filter(s -> s.primary().equals(v.self())).findFirst()
                .or(() -> v.shards().stream().filter(s -> s.members().contains(v.self())).findFirst())
                .map(s -> Reply.bulk(ClusterView.shardId(s.name())))
                .orElse(Reply.NULL);
    }

    /** CLUSTER COUNTKEYSINSLOT slot: asked of the slot's shard. */
    private CompletableFuture<Reply> countKeysInSlot(ClientSession session, byte[][] argv) {
        OptionalLong slot = Numbers.string2ll(argv[2]);
        if (slot.isEmpty()) return done(Errors.NOT_INTEGER);
        if (!validSlot(slot.getAsLong())) return done(INVALID_SLOT);
        return executor.execute((int) slot.getAsLong(), new byte[][] {COUNT_KEYS, argv[2], argv[2]}, false);
    }

    /** CLUSTER GETKEYSINSLOT slot count. */
    private CompletableFuture<Reply> getKeysInSlot(ClientSession session, byte[][] argv) {
        OptionalLong slot = Numbers.string2ll(argv[2]);
        OptionalLong count = Numbers.string2ll(argv[3]);
        if (slot.isEmpty() || count.isEmpty()) return done(Errors.NOT_INTEGER);
        if (!validSlot(slot.getAsLong()) || count.getAsLong() < 0) return done(INVALID_SLOT_OR_COUNT);
        return executor.execute((int) slot.getAsLong(), new byte[][] {GET_KEYS, argv[2], argv[3]}, false);
    }

    private static boolean validSlot(long slot) {
        return slot >= 0 && slot < Slots.COUNT;
    }

    private static CompletableFuture<Reply> done(Reply r) {
        return CompletableFuture.completedFuture(r);
    }
}
