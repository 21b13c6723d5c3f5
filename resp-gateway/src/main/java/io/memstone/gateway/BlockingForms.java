package io.memstone.gateway;

import io.memstone.engine.BlockingTimeout;
import io.memstone.engine.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The commands that block outside MULTI, and where each carries its timeout (seconds). The
 * engine runs them without waiting (nil when there is nothing to take, as Redis does in
 * MULTI); the gateway parks the client on that nil.
 */
final class BlockingForms {
    private static final ToIntFunction<byte[][]> LAST = argv -> argv.length - 1;
    private static final Map<String, ToIntFunction<byte[][]>> TIMEOUT_AT = Map.of(
            "blpop", LAST, "brpop", LAST, "bzpopmin", LAST, "bzpopmax", LAST,
            "blmove", argv -> 5, "brpoplpush", argv -> 3, "blmpop", argv -> 1, "bzmpop", argv -> 1);

    private static final Set<String> MOVES = Set.of("blmove", "brpoplpush");

    private BlockingForms() {}

    /** Whether the command waits outside MULTI: a list or sorted set pop, or XREAD/XREADGROUP with BLOCK. */
    static boolean blocks(String fullName, byte[][] argv) {
        return TIMEOUT_AT.containsKey(fullName) || StreamWait.timeoutAt(fullName, argv) > 0;
    }

    /**
     * The request for a blocking command; each try proposes it once. The timeout's syntax is the
     * engine's to refuse: an invalid one never gets past the first try, so any value serves here.
     */
    static BlockingRequest request(String fullName, byte[][] argv, int[] keyPositions, int slot, CommandExecutor executor) {
        if (!TIMEOUT_AT.containsKey(fullName)) {
            return StreamWait.request(fullName, argv, StreamWait.timeoutAt(fullName, argv), keyPositions, slot, executor);
        }
        List<byte[]> keys = new ArrayList<>(keyPositions.length);
        for (int p : keyPositions) keys.add(argv[p]);
        // BLMOVE and BRPOPLPUSH wait for their source only; their destination is just written.
        if (MOVES.contains(fullName)) keys = keys.subList(0, 1);
        long timeoutMs = Math.max(0, BlockingTimeout.parse(argv[TIMEOUT_AT.get(fullName).applyAsInt(argv)]));
        // Redis answers a timed-out BLMOVE, like every list or sorted set wait, with a null array.
        return new BlockingRequest(keys, slot, () -> executor.execute(slot, argv, true), timeoutMs, Reply.NULL_ARRAY,
                reply -> false);
    }
}
