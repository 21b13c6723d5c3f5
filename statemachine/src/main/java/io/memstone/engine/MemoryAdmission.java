package io.memstone.engine;

import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The shard leader's maxmemory check of a batch before it enters the log (Redis'
 * performEvictions in processCommand). A batch with a command that may grow the data (Redis'
 * {@code denyoom} flag), while the shard's data bytes are over maxmemory, or would be with the
 * batch's growth: under an evicting policy the leader chooses victims enough to make room for
 * the batch, which deletes them first ({@code __evict}); when it cannot get under the limit
 * (noeviction, or a volatile policy without keys with an expiry), the batch's growing commands
 * answer OOM on every replica. Either way the decision travels in the entry, so replicas never
 * evict on their own and stay identical.
 *
 * <p>Entries proposed but not applied yet count too: their victims are taken (not chosen
 * twice, their bytes already freed) and their growth already added. Not thread-safe: the caller
 * holds the engine's lock.
 */
public final class MemoryAdmission {
    /** What the leader adds to a batch. */
    public record Decision(List<byte[]> evict, boolean overMaxmemory) {
        public static final Decision NONE = new Decision(List.of(), false);
    }

    private static final CommandTable COMMANDS = CommandTable.redis();

    /** Victims proposed and not applied yet, with the bytes each frees. */
    private final Map<Key, Long> pending = new HashMap<>();
    private long pendingFreed;
    /** Growth of admitted batches not applied yet. */
    private long pendingGrowth;
    /** Victims are the leader's choice, not replicated: any source will do. */
    private final Random random = new Random();
    /** Candidates sampled so far, ranked under {@link #poolPolicy}. */
    private EvictionPool pool = new EvictionPool();
    private EvictionPolicy poolPolicy;

    /** The decision for {@code commands} about to be proposed to {@code engine}'s shard at {@code nowMs}. */
    public Decision admit(Engine engine, List<byte[][]> commands, MemoryPolicy policy, long nowMs) {
        if (policy.maxmemory() == 0) return Decision.NONE;
        long growth = 0;
        for (byte[][] argv : commands) if (mayGrow(argv)) growth += growthOf(argv);
        if (growth == 0) return Decision.NONE;
        Keyspace keyspace = engine.keyspace();
        long used = Math.max(0, keyspace.dataBytes() - pendingFreed) + pendingGrowth;
        if (policy.policy() == EvictionPolicy.NOEVICTION) {
            return policy.exceededBy(used) ? new Decision(List.of(), true) : Decision.NONE;
        }
        long toFree = used + growth - policy.maxmemory();
        if (toFree <= 0) {
            pendingGrowth += growth;
            return Decision.NONE;
        }
        List<byte[]> evict = new ArrayList<>();
        long freed = 0;
        if (poolPolicy != policy.policy()) {
            pool = new EvictionPool();
            poolPolicy = policy.policy();
        }
        for (Key k : new Evictor(keyspace, policy, nowMs, random, pending.keySet(), pool).victims(toFree)) {
            long bytes = keyspace.bytesOf(k);
            pending.put(k, bytes);
            evict.add(k.bytes());
            freed += bytes;
        }
        pendingFreed += freed;
        boolean over = policy.exceededBy(used - freed);
        if (!over) pendingGrowth += growth;
        return new Decision(evict, over);
    }

    /**
     * An entry was applied: its victims are gone and its growth is in the data bytes. Counts
     * of entries another leader proposed stay at 0.
     */
    public void applied(List<byte[]> evicted, List<byte[][]> commands) {
        for (byte[] k : evicted) {
            Long bytes = pending.remove(new Key(k));
            if (bytes != null) pendingFreed -= bytes;
        }
        for (byte[][] argv : commands) if (mayGrow(argv)) pendingGrowth -= growthOf(argv);
        pendingGrowth = Math.max(0, pendingGrowth);
    }

    /** Forgets entries in flight: at a leader change they are applied, or never will be. */
    public void clear() {
        pending.clear();
        pendingFreed = 0;
        pendingGrowth = 0;
        pool = new EvictionPool();
    }

    /** Whether the command may grow the data: Redis' denyoom, or a transaction queuing such a command. */
    static boolean mayGrow(byte[][] argv) {
        String name = CommandContext.lowerName(argv[0]);
        if (name.equals(TransactionArgs.EXEC)) {
            for (byte[][] queued : TransactionArgs.parse(argv).commands()) if (mayGrow(queued)) return true;
            return false;
        }
        CommandSpec spec = COMMANDS.lookup(name);
        return spec != null && spec.flags().contains("DENYOOM");
    }

    /** What the command may add, generously: a new key's entry, and each argument with an element's overhead. */
    private static long growthOf(byte[][] argv) {
        long bytes = MemoryEstimate.KEY_ENTRY;
        for (int i = 1; i < argv.length; i++) bytes += argv[i].length + MemoryEstimate.ELEMENT_OVERHEAD;
        return bytes;
    }
}
