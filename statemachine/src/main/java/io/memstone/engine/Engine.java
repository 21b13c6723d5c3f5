package io.memstone.engine;

import io.memstone.engine.script.FunctionLibraries;
import io.memstone.engine.script.LuaScripts;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis engine of one shard: a keyspace and the commands over it. Single-threaded: the
 * caller serializes {@link #apply} and {@link #read} (the Raft state machine holds a lock).
 * Time and randomness come only from the batch (writes), or for reads, which never change
 * state, from the caller's clock and an unseeded source; so replicas applying the same log
 * hold the same data.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private final Keyspace keyspace = new Keyspace();
    private final AppliedBatches applied = new AppliedBatches();
    private final SlotGuard slots = new SlotGuard();
    private final LuaScripts scripts = new LuaScripts();
    private final EncodingLimits limits = new EncodingLimits();
    private final FunctionLibraries functions = new FunctionLibraries();
    /** Reads change nothing, so their draws (SRANDMEMBER, RANDOMKEY...) need not be replicated. */
    private final Random readRandom = new Random();
    /** Batches per proposer whose retries are recognised (a proposer keeps at most this many in flight). */
    public static final int RETRIED_BATCH_WINDOW = AppliedBatches.WINDOW;
    private static final CommandRegistry REGISTRY = CommandRegistry.standard();
    /** Fault injection for tests: the command named by this property throws as a bug would. */
    private static final String FAILING_COMMAND = System.getProperty("memstone.debug.fail-command", "");
    private static final Reply OOM = Reply.error("OOM command not allowed when used memory > 'maxmemory'.");
    /** Redis' execCommandAbort of an EXEC refused over maxmemory. */
    private static final Reply EXEC_OOM = Reply.error(
            "EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.");
    /** The node's maxmemory parameters: configuration, read for access tracking and OBJECT. */
    private volatile java.util.function.Supplier<MemoryPolicy> memoryPolicy = () -> MemoryPolicy.DEFAULT;

    /**
     * Applies one log entry: every command in order, one reply each. A batch its proposer got
     * applied before (a retry that reached the log again) changes nothing and gets the replies
     * of the first time.
     */
    public List<Reply> apply(CommandBatch batch) {
        boolean identified = !batch.getProposer().isEmpty();
        if (identified) {
            List<Reply> earlier = applied.repliesOf(batch.getProposer(), batch.getSequence());
            if (earlier != null) return earlier;
        }
        Random random = new Random(batch.getSeed());
        keyspace.beginBatch(batch.getSeed(), batch.getTimestampMs());
        if (batch.getEvictCount() > 0) {
            execute(evictArgv(batch), new CommandContext(this, batch.getTimestampMs(), random, false));
        }
        List<Reply> replies = new ArrayList<>(batch.getCommandsCount());
        for (Command c : batch.getCommandsList()) {
            byte[][] argv = argv(c);
            if (batch.getOverMaxmemory() && MemoryAdmission.mayGrow(argv)) {
                replies.add(CommandContext.lowerName(argv[0]).equals(TransactionArgs.EXEC) ? EXEC_OOM : OOM);
                continue;
            }
            replies.add(execute(argv, new CommandContext(this, batch.getTimestampMs(), random, false, batch.getAnySlot())));
        }
        keyspace.accountChanged();
        if (identified) applied.record(batch.getProposer(), batch.getSequence(), replies);
        return replies;
    }

    /** The leader's victims ({@link MemoryAdmission}) as an {@code __evict} command, run before the batch's commands. */
    private static byte[][] evictArgv(CommandBatch batch) {
        byte[][] argv = new byte[batch.getEvictCount() + 1][];
        argv[0] = InternalCommands.EVICT.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < batch.getEvictCount(); i++) argv[i + 1] = batch.getEvict(i).toByteArray();
        return argv;
    }

    /** Takes the maxmemory parameters from {@code policy} from now on (a node's replicated parameters). */
    public void useMemoryPolicy(java.util.function.Supplier<MemoryPolicy> policy) {
        this.memoryPolicy = policy;
    }

    MemoryPolicy memoryPolicy() {
        return memoryPolicy.get();
    }

    /** See {@link Keyspace#dataBytes}. */
    public long dataBytes() {
        return keyspace.dataBytes();
    }

    /** See {@link Keyspace#evictedKeys}. */
    public long evictedKeys() {
        return keyspace.evictedKeys();
    }

    /**
     * Keys the last applied batch pushed elements into (or created, renamed, restored...) that
     * hold a list, a sorted set or a stream now, or held a stream it deleted or replaced:
     * gateways retry the clients blocked on them. A superset
     * is harmless (a retry finds nothing and the client waits on), so any change counts.
     */
    public List<byte[]> readyKeys() {
        return keyspace.readyKeys();
    }

    /**
     * Runs a read-only command against the current state at {@code nowMs}; changes nothing.
     * A command that may write is refused: it must go through the log.
     */
    public Reply read(byte[][] argv, long nowMs) {
        return read(argv, nowMs, false);
    }

    /** As {@link #read(byte[][], long)}; {@code anySlot}: the cluster has one shard (see CommandBatch's any_slot). */
    public Reply read(byte[][] argv, long nowMs, boolean anySlot) {
        return execute(argv, new CommandContext(this, nowMs, readRandom, true, anySlot));
    }

    static CommandRegistry registry() {
        return REGISTRY;
    }

    /** True when the engine implements this (lower-case) command name. */
    public static boolean handles(String name) {
        return REGISTRY.lookup(name) != null;
    }

    /** Up to {@code max} keys whose expiry has passed at {@code nowMs}, for active expiry. */
    public List<byte[]> expiredKeys(long nowMs, int max) {
        List<byte[]> out = new ArrayList<>();
        for (Key k : keyspace.expired(nowMs, max)) out.add(k.bytes());
        return out;
    }

    /** A point-in-time view for a snapshot written while commands go on; see {@link SnapshotCapture}. */
    public SnapshotCapture captureSnapshot() {
        SnapshotCapture capture = keyspace.capture(applied.list());
        capture.setClosedSlots(slots.ranges());
        capture.setScripts(scripts.bodies());
        capture.setLimits(limits.copy());
        capture.setFunctions(functions.codes());
        return capture;
    }

    /** {@link Keyspace#digest()}, and the encoding limits in force (replicas agree on both). */
    public String digest() {
        java.security.MessageDigest md = Keyspace.sha1();
        md.update(keyspace.digest().getBytes(StandardCharsets.US_ASCII));
        limits.digestInto(md);
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** The encoding parameters this engine's values follow. */
    public EncodingLimits limits() {
        return limits;
    }

    AppliedBatches appliedBatches() {
        return applied;
    }

    /** Slots this shard refuses while they move away. */
    public SlotGuard slots() {
        return slots;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    /** The script cache (SCRIPT LOAD, EVAL) and the Lua state that runs them. */
    public LuaScripts scripts() {
        return scripts;
    }

    /** The function libraries (FUNCTION LOAD, FCALL). */
    public FunctionLibraries functions() {
        return functions;
    }

    /** Runs one command in {@code ctx}'s time and mode: a client's, or one a script calls. */
    Reply execute(byte[][] argv, CommandContext ctx) {
        if (argv.length == 0) return Reply.error("ERR empty command");
        String name = CommandContext.lowerName(argv[0]);
        CommandRegistry.Entry e = REGISTRY.lookup(name);
        if (e == null) {
            return Reply.error("ERR unknown command '" + new String(argv[0], StandardCharsets.UTF_8) + "'");
        }
        if (!e.arityMatches(argv.length)) return Errors.wrongArity(name);
        boolean readOnly = e.readOnly(argv);
        if (ctx.readOnly && !readOnly) return Errors.writeOnReadPath(name);
        Reply refused = slots.check(name, argv);
        if (refused != null) return refused;
        ctx.setCommand(argv, !readOnly);
        try {
            if (name.equals(FAILING_COMMAND)) throw new IllegalStateException("injected failure in " + name);
            return e.handler().execute(ctx);
        } catch (CommandError err) {
            return err.reply;
        } catch (RuntimeException bug) {
            // Every replica runs the same code on the same state and entry, so every replica
            // fails here alike: an error reply keeps them identical and the shard serving.
            LOG.error("{} failed on an unexpected exception; it answers an error on every replica", name, bug);
            return Errors.internalError(name);
        }
    }

    /** A logged command's argv. */
    public static byte[][] argv(Command c) {
        byte[][] argv = new byte[c.getArgsCount()][];
        for (int i = 0; i < argv.length; i++) argv[i] = c.getArgs(i).toByteArray();
        return argv;
    }
}
