package io.memstone.raft;

import io.memstone.engine.Reply;
import io.memstone.proto.meta.MetaCommand;
import io.memstone.proto.meta.SlotMove;
import io.memstone.proto.meta.SlotRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the slot moves the meta group lists, on the node that leads the meta group; a
 * new meta leader resumes them where they were, since every step is safe to repeat: close
 * the slots on the source, open them on the target, copy the keys (DUMP/RESTORE with their
 * absolute expiry), switch the slot map, drop the source's copies, end the move.
 *
 * <p>While the slots are closed the source answers TRYAGAIN, which gateways retry until the
 * map names the target; clients see a pause, not an error.
 */
final class SlotMover implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlotMover.class);
    private static final int PAGE = 256;
    static final long STEP_TIMEOUT_S = 60;

    private final RaftNode node;
    private final Set<String> driving = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "slot-mover");
        t.setDaemon(true);
        return t;
    });

    SlotMover(RaftNode node) {
        this.node = node;
    }

    /** Starts driving every listed move not driven here yet, if this node leads the meta group. */
    void resume() {
        ClusterShape shape = node.shape();
        if (shape == null || !node.isLeader(ShardGroups.META)) return;
        for (SlotMove m : shape.moves()) {
            if (!driving.add(m.getId())) continue;
            worker.execute(() -> {
                try {
                    drive(m.getId());
                } catch (Exception e) {
                    LOG.info("move {} paused, will resume: {}", m.getId(), e.toString());
                } finally {
                    driving.remove(m.getId());
                }
            });
        }
    }

    private void drive(String id) throws Exception {
        SlotMove m = current(id);
        if (m == null) return;
        List<byte[]> ranges = rangeArgs(m);
        if (!m.getSwitched()) {
            write(m.getFrom(), "__closeslots", ranges);
            write(m.getTo(), "__openslots", ranges);
            long keys = 0;
            for (SlotRange r : m.getRangesList()) keys += copy(m, r);
            propose(MetaCommand.newBuilder().setSwitchMove(id).build());
            LOG.info("move {}: {} keys in {} slots copied from {} to {}; {} serves them now", id, keys,
                    slots(m), m.getFrom(), m.getTo(), m.getTo());
        }
        write(m.getFrom(), "__dropslots", ranges);
        propose(MetaCommand.newBuilder().setEndMove(id).build());
        LOG.info("move {} done", id);
    }

    /** Copies one range's keys in pages; returns how many. */
    private long copy(SlotMove m, SlotRange r) throws Exception {
        long copied = 0;
        String cursor = "0";
        do {
            Reply.Array page = (Reply.Array) check(node.shard(m.getFrom()).read(argv("__dumpslots",
                    Integer.toString(r.getFirst()), Integer.toString(r.getLast()), cursor, Integer.toString(PAGE))));
            cursor = text(page.items().get(0));
            List<CompletableFuture<Reply>> restores = new ArrayList<>();
            for (Reply e : ((Reply.Array) page.items().get(1)).items()) {
                List<Reply> entry = ((Reply.Array) e).items();
                long expireAt = ((Reply.Int) entry.get(1)).value();
                restores.add(node.shard(m.getTo()).write(new byte[][] {bytes("RESTORE"), ((Reply.Bulk) entry.get(0)).value(),
                        bytes(Long.toString(Math.max(expireAt, 0))), ((Reply.Bulk) entry.get(2)).value(),
                        bytes("REPLACE"), bytes("ABSTTL")}));
            }
            for (CompletableFuture<Reply> f : restores) check(f);
            copied += restores.size();
        } while (!cursor.equals("0"));
        return copied;
    }

    private SlotMove current(String id) {
        ClusterShape shape = node.shape();
        return shape == null ? null : shape.move(id).orElse(null);
    }

    private void write(String shard, String command, List<byte[]> args) throws Exception {
        List<byte[]> argv = new ArrayList<>(List.of(bytes(command)));
        argv.addAll(args);
        check(node.shard(shard).write(argv.toArray(new byte[0][])));
    }

    private void propose(MetaCommand command) throws Exception {
        String outcome = node.proposeMeta(command).get(STEP_TIMEOUT_S, TimeUnit.SECONDS);
        if (!outcome.startsWith("OK")) throw new IllegalStateException(outcome);
    }

    private static Reply check(CompletableFuture<Reply> f) throws InterruptedException, ExecutionException, TimeoutException {
        Reply r = f.get(STEP_TIMEOUT_S, TimeUnit.SECONDS);
        if (r instanceof Reply.Error e) throw new IllegalStateException(e.text());
        return r;
    }

    static List<byte[]> rangeArgs(SlotMove m) {
        List<byte[]> out = new ArrayList<>();
        for (SlotRange r : m.getRangesList()) {
            out.add(bytes(Integer.toString(r.getFirst())));
            out.add(bytes(Integer.toString(r.getLast())));
        }
        return out;
    }

    private static int slots(SlotMove m) {
        return m.getRangesList().stream().mapToInt(r -> r.getLast() - r.getFirst() + 1).sum();
    }

    private static byte[][] argv(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) argv[i] = bytes(args[i]);
        return argv;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Reply r) {
        return new String(((Reply.Bulk) r).value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
