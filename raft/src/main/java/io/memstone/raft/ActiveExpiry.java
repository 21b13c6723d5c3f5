package io.memstone.raft;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's active expiry: a few times a second it samples keys whose time has passed and
 * proposes their deletion through the log ({@code __expire}), which deletes each key only if
 * it is still expired at the entry's timestamp. Followers never delete on their own.
 */
final class ActiveExpiry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveExpiry.class);
    private static final byte[] EXPIRE = "__expire".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int SAMPLE = 64;

    private final String shard;
    private final RaftNode node;
    private final ScheduledExecutorService timer;

    ActiveExpiry(String shard, RaftNode node) {
        this.shard = shard;
        this.node = node;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "active-expiry-" + shard);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        timer.scheduleWithFixedDelay(this::cycle, 100, 100, TimeUnit.MILLISECONDS);
    }

    private void cycle() {
        if (!node.isLeader(shard)) return;
        try {
            long now = System.currentTimeMillis();
            List<byte[]> keys = node.stateMachine(shard).withEngine(e -> e.expiredKeys(now, SAMPLE));
            if (keys.isEmpty()) return;
            List<byte[]> argv = new ArrayList<>(keys.size() + 1);
            argv.add(EXPIRE);
            argv.addAll(keys);
            // Wait, so that one cycle's deletions are committed before the next samples again.
            node.shard(shard).write(argv.toArray(new byte[0][])).get(10, TimeUnit.SECONDS);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.info("active expiry on {} skipped a cycle: {}", shard, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
