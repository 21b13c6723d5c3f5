package io.memstone.node;

import io.memstone.raft.RaftNode;
import io.memstone.raft.ShardStats;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line when a follower of a shard this node leads stops answering, and one when it
 * answers again: what an operator needs of a follower going down, in place of Ratis' appender
 * warnings, which repeat every few seconds for as long as it is down (they are silenced in the
 * node's logging settings).
 */
final class FollowerWatch {
    private static final Logger LOG = LoggerFactory.getLogger(FollowerWatch.class);
    /** Silence for longer than a few heartbeats and election timeouts (1-3 s here) is a follower gone. */
    static final long SILENT_MS = 3000;

    private final RaftNode raft;
    private final String self;
    private final Supplier<Collection<String>> shards;
    /** Per shard led here, the followers not answering, with when this node first saw it (ms). */
    private final Map<String, Map<String, Long>> silent = new HashMap<>();

    FollowerWatch(RaftNode raft, String self, Supplier<Collection<String>> shards) {
        this.raft = raft;
        this.self = self;
        this.shards = shards;
    }

    /** Compares every led shard's followers with the last check; logs what changed. */
    synchronized void check() {
        Set<String> led = new HashSet<>();
        for (String shard : shards.get()) {
            List<ShardStats.Follower> followers;
            try {
                followers = new ShardStats(raft, shard).followers();
            } catch (RuntimeException closing) {
                continue; // the group is going away under us: nothing to say of its followers
            }
            if (followers.isEmpty()) continue;
            led.add(shard);
            Map<String, Long> down = silent.computeIfAbsent(shard, s -> new HashMap<>());
            long now = System.currentTimeMillis();
            for (ShardStats.Follower f : followers) {
                boolean quiet = f.lastContactMs() >= SILENT_MS;
                if (quiet && !down.containsKey(f.id())) {
                    down.put(f.id(), now - f.lastContactMs());
                    LOG.warn("{} {}: follower {} is not answering (nothing for {} ms)", self, shard, f.id(), f.lastContactMs());
                } else if (!quiet && down.containsKey(f.id())) {
                    LOG.info("{} {}: follower {} answers again after {} s (it has the log up to {})", self, shard, f.id(),
                            (now - down.remove(f.id())) / 1000, f.matchIndex());
                }
            }
        }
        // A shard this node no longer leads: its new leader watches its followers.
        silent.keySet().retainAll(led);
    }
}
