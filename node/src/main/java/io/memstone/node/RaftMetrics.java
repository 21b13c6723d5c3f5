package io.memstone.node;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.memstone.gateway.MetricName;
import io.memstone.raft.RaftNode;
import io.memstone.raft.ShardStats;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of every shard group this node hosts, read live at scrape time: Raft role, term,
 * commit and applied index, log extent and size, snapshot index and age, leader changes, keys,
 * the proposer's batch sizes and queues, and the RocksDB payload store. On the leader, each
 * follower's lag. {@link #refresh} keeps the series in step with the shards hosted and with
 * who follows (a follower's series exist on the leader only).
 */
final class RaftMetrics {
    private static final List<String> ROLES = List.of("leader", "follower", "candidate");
    /** RocksDB properties of the log payload store, by the metric that shows them. */
    private static final Map<String, String> STORE_PROPERTIES = Map.of(
            "memstone_log_store_estimated_keys", "rocksdb.estimate-num-keys",
            "memstone_log_store_sst_bytes", "rocksdb.total-sst-files-size",
            "memstone_log_store_memtable_bytes", "rocksdb.cur-size-all-mem-tables",
            "memstone_log_store_pending_compaction_bytes", "rocksdb.estimate-pending-compaction-bytes",
            "memstone_log_store_running_compactions", "rocksdb.num-running-compactions");

    private final MetricRegistry registry;
    private final RaftNode raft;
    private final Supplier<Collection<String>> shards;
    private final Set<String> withStoreMetrics = new HashSet<>();
    private final Map<String, ShardStats> registered = new HashMap<>();
    /** Per shard, the followers whose series are registered. */
    private final Map<String, Set<String>> followers = new HashMap<>();

    RaftMetrics(MetricRegistry registry, RaftNode raft, Supplier<Collection<String>> shards) {
        this.registry = registry;
        this.raft = raft;
        this.shards = shards;
    }

    synchronized void refresh() {
        Collection<String> hosted = shards.get();
        for (String shard : hosted) {
            ShardStats stats = registered.computeIfAbsent(shard, s -> register(new ShardStats(raft, s)));
            registerStore(stats);
            // Ratis creates some of its metrics lazily (the snapshot timer on the first snapshot).
            RatisMetrics.register(registry, shard, stats.groupId());
            refreshFollowers(stats);
        }
        for (String gone : new HashSet<>(registered.keySet())) {
            if (hosted.contains(gone)) continue;
            registered.remove(gone);
            withStoreMetrics.remove(gone);
            followers.remove(gone);
            registry.removeMatching((name, m) -> gone.equals(MetricName.parse(name).labels().get("shard")));
        }
    }

    private ShardStats register(ShardStats s) {
        String shard = s.shard();
        for (String role : ROLES) {
            gauge(MetricName.of("memstone_raft_role", "shard", shard, "role", role), () -> s.status().role().equals(role) ? 1 : 0);
        }
        gauge(name("memstone_raft_term", shard), () -> s.status().term());
        gauge(name("memstone_raft_commit_index", shard), () -> s.status().commitIndex());
        gauge(name("memstone_raft_applied_index", shard), () -> s.status().appliedIndex());
        gauge(name("memstone_raft_last_log_index", shard), s::lastLogIndex);
        gauge(name("memstone_raft_log_start_index", shard), s::logStartIndex);
        gauge(name("memstone_raft_log_entries", shard), () -> Math.max(0, s.lastLogIndex() - s.logStartIndex() + 1));
        gauge(name("memstone_raft_log_bytes", shard), s::logBytes);
        gauge(name("memstone_raft_leader_changes_total", shard), s::leaderChanges);
        gauge(name("memstone_raft_snapshot_index", shard), s::snapshotIndex);
        gauge(name("memstone_raft_snapshot_age_seconds", shard), () -> {
            long at = s.lastSnapshotMs();
            return at == 0 ? Double.NaN : (System.currentTimeMillis() - at) / 1000.0;
        });
        gauge(name("memstone_keys", shard), s::keys);
        gauge(name("memstone_data_bytes", shard), s::dataBytes);
        gauge(name("memstone_evicted_keys_total", shard), s::evictedKeys);
        for (String kind : List.of("write", "read")) {
            var queue = kind.equals("write") ? s.writeQueue() : s.readQueue();
            registry.register(MetricName.of("memstone_proposer_batch_size", "shard", shard, "kind", kind), queue.batchSizes());
            registry.register(MetricName.of("memstone_proposer_queue_wait_seconds", "shard", shard, "kind", kind), queue.queueWait());
            registry.register(MetricName.of("memstone_proposer_round_trip_seconds", "shard", shard, "kind", kind), queue.roundTrip());
            gauge(MetricName.of("memstone_proposer_queue_depth", "shard", shard, "kind", kind), queue::queued);
            gauge(MetricName.of("memstone_proposer_in_flight", "shard", shard, "kind", kind), queue::inFlight);
        }
        return s;
    }

    /** The RocksDB log store's series, once the group's state machine has opened its store (after it joined). */
    private void registerStore(ShardStats s) {
        if (withStoreMetrics.contains(s.shard()) || !s.hasPayloadStore()) return;
        STORE_PROPERTIES.forEach((metric, property) -> gauge(name(metric, s.shard()), () -> s.payloadStoreProperty(property)));
        withStoreMetrics.add(s.shard());
    }

    /** Series for the followers this node leads now; none for those it no longer leads. */
    private void refreshFollowers(ShardStats s) {
        String shard = s.shard();
        Set<String> now = new HashSet<>();
        for (ShardStats.Follower f : s.followers()) now.add(f.id());
        Set<String> had = followers.computeIfAbsent(shard, k -> new HashSet<>());
        for (String id : now) {
            if (!had.add(id)) continue;
            gauge(MetricName.of("memstone_raft_follower_lag_entries", "shard", shard, "follower", id),
                    () -> follower(s, id, f -> Math.max(0, s.lastLogIndex() - f.matchIndex())));
            gauge(MetricName.of("memstone_raft_follower_last_contact_seconds", "shard", shard, "follower", id),
                    () -> follower(s, id, f -> f.lastContactMs() / 1000.0));
        }
        for (String id : new HashSet<>(had)) {
            if (now.contains(id)) continue;
            had.remove(id);
            registry.remove(MetricName.of("memstone_raft_follower_lag_entries", "shard", shard, "follower", id));
            registry.remove(MetricName.of("memstone_raft_follower_last_contact_seconds", "shard", shard, "follower", id));
        }
    }

    private static double follower(ShardStats s, String id, ToDoubleFunction<ShardStats.Follower> value) {
        for (ShardStats.Follower f : s.followers()) {
            if (f.id().equals(id)) return value.applyAsDouble(f);
        }
        return Double.NaN;
    }

    private void gauge(String name, Gauge<?> gauge) {
        registry.register(name, gauge);
    }

    private static String name(String family, String shard) {
        return MetricName.of(family, "shard", shard);
    }
}
