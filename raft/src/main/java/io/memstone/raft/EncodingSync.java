package io.memstone.raft;

import io.memstone.engine.EncodingLimits;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings each shard this node leads to the meta group's encoding parameters: when its engine
 * holds other values, of an older version than the meta group's, it proposes {@code __config}
 * through the shard's log (see {@link EncodingLimits}), so every replica changes at the same index.
 * CONFIG SET proposes the same entry itself, so that its reply means the change is in force;
 * this covers the rest: changes made through the admin service, a CONFIG SET whose node died
 * before it reached every shard, a leader that changed meanwhile. Runs on every parameter
 * change and once a second.
 */
final class EncodingSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EncodingSync.class);

    private final RaftNode node;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "encoding-sync");
        t.setDaemon(true);
        return t;
    });

    EncodingSync(RaftNode node) {
        this.node = node;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::sync, 1, 1, TimeUnit.SECONDS);
    }

    /** After a parameter change was applied here (called on the apply thread: does not block). */
    void changed() {
        timer.execute(this::sync);
    }

    private void sync() {
        ClusterParameters parameters = node.parameters();
        for (String shard : node.hostedShards()) {
            if (!node.isLeader(shard)) continue;
            try {
                boolean behind = node.stateMachine(shard).withEngine(e -> e.limits().version() < parameters.version()
                        && !e.limits().holds(parameters::get));
                if (!behind) continue;
                node.shard(shard).write(EncodingLimits.command(parameters.version(), parameters::get)).get(10, TimeUnit.SECONDS);
                LOG.info("{}: encoding parameters of meta version {} proposed", shard, parameters.version());
            } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
                LOG.info("encoding parameters for {} not proposed this time: {}", shard, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
