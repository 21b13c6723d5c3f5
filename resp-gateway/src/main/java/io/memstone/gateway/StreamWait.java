package io.memstone.gateway;

import io.memstone.engine.Errors;
import io.memstone.engine.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * XREAD and XREADGROUP with BLOCK, parked by {@link BlockedClients} like the list pops: the engine
 * answers nil when there is nothing to serve, and every XADD (any change of the stream) tries
 * again. As in Redis 7.0, {@code $} is the stream's last ID when the command is first issued, so
 * the command is tried with those IDs in its place; an XREADGROUP waiter whose group or stream
 * goes away is answered Redis' error for that, where its first try answers the usual NOGROUP.
 */
final class StreamWait {
    static final Reply GROUP_GONE = Reply.error("NOGROUP the consumer group this client was blocked on no longer exists");
    static final Reply STREAM_GONE = Reply.error("UNBLOCKED the stream key no longer exists");

    private static final byte[] DOLLAR = {'$'};
    private static final byte[] NO_ENTRY_YET = "0-0".getBytes(StandardCharsets.UTF_8);

    private StreamWait() {}

    /** Where BLOCK's value is in an XREAD or XREADGROUP, or -1: the options before STREAMS, read as the engine reads them. */
    static int timeoutAt(String fullName, byte[][] argv) {
        if (!fullName.equals("xread") && !fullName.equals("xreadgroup")) return -1;
        for (int i = 1; i < argv.length - 1; ) {
            if (Args.is(argv[i], "block")) return i + 1;
            if (Args.is(argv[i], "count")) i += 2;
            else if (Args.is(argv[i], "group")) i += 3;
            else if (Args.is(argv[i], "noack")) i++;
            else return -1; // STREAMS, or a syntax error the engine answers
        }
        return -1;
    }

    /** The request of a command {@link #timeoutAt} found BLOCK in; an invalid BLOCK value never gets past the first try. */
    static BlockingRequest request(String fullName, byte[][] argv, int timeoutAt, int[] keyPositions, int slot,
                                   CommandExecutor executor) {
        List<byte[]> keys = new ArrayList<>(keyPositions.length);
        for (int p : keyPositions) keys.add(argv[p]);
        boolean grouped = fullName.equals("xreadgroup");
        long timeoutMs = Math.max(0, Args.intValue(argv[timeoutAt]).orElse(0));
        int idsAt = keyPositions.length == 0 ? argv.length : keyPositions[keyPositions.length - 1] + 1;
        Tries tries = new Tries(executor, slot, argv.clone(), keys, idsAt, grouped);
        return new BlockingRequest(keys, slot, tries, timeoutMs, Reply.NULL_ARRAY,
                grouped ? reply -> reply.equals(GROUP_GONE) || reply.equals(STREAM_GONE) : reply -> false);
    }

    /** The tries of one command, one at a time (on {@link BlockedClients}' thread). */
    private static final class Tries implements Supplier<CompletableFuture<Reply>> {
        private final CommandExecutor executor;
        private final int slot;
        private final byte[][] argv;
        private final List<byte[]> keys;
        private final int idsAt;
        private final boolean grouped;
        private boolean first = true;

        Tries(CommandExecutor executor, int slot, byte[][] argv, List<byte[]> keys, int idsAt, boolean grouped) {
            this.executor = executor;
            this.slot = slot;
            this.argv = argv;
            this.keys = keys;
            this.idsAt = idsAt;
            this.grouped = grouped;
        }

        @Override
        public CompletableFuture<Reply> get() {
            if (!first) {
                CompletableFuture<Reply> reply = executor.execute(slot, argv, grouped);
                return grouped ? reply.thenCompose(this::whyNoGroup) : reply;
            }
            first = false;
            // XREADGROUP refuses $ itself: only XREAD's are resolved.
            return (grouped ? CompletableFuture.<Void>completedFuture(null) : resolveDollars())
                    .thenCompose(v -> executor.execute(slot, argv, grouped));
        }

        /** Puts each stream's last ID in place of its {@code $} (0-0 for a stream not there yet). */
        private CompletableFuture<Void> resolveDollars() {
            List<CompletableFuture<Void>> reads = new ArrayList<>();
            for (int k = 0; k < keys.size() && idsAt + k < argv.length; k++) {
                int at = idsAt + k;
                if (!Arrays.equals(argv[at], DOLLAR)) continue;
                byte[][] info = {bytes("xinfo"), bytes("stream"), keys.get(k)};
                reads.add(executor.execute(slot, info, false).thenAccept(r -> {
                    byte[] last = lastId(r);
                    if (last != null) argv[at] = last;
                }));
            }
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
        }

        /** XINFO STREAM's last-generated-id, 0-0 for no such key, null to leave {@code $} to the engine (WRONGTYPE). */
        private static byte[] lastId(Reply info) {
            if (info instanceof Reply.Error e) return info.equals(Errors.NO_SUCH_KEY) ? NO_ENTRY_YET : null;
            if (!(info instanceof Reply.MapReply m)) return null;
            List<Reply> kv = m.keysAndValues();
            for (int i = 0; i + 1 < kv.size(); i += 2) {
                if (kv.get(i) instanceof Reply.Bulk name && Arrays.equals(name.value(), bytes("last-generated-id"))
                        && kv.get(i + 1) instanceof Reply.Bulk id) {
                    return id.value();
                }
            }
            return null;
        }

        /**
         * A later try that finds no group: Redis 7.0 answers a waiter whose stream went away (or
         * turned into another type) with UNBLOCKED, one whose group was destroyed with NOGROUP.
         */
        private CompletableFuture<Reply> whyNoGroup(Reply reply) {
            if (!(reply instanceof Reply.Error e) || !(e.text().startsWith("NOGROUP") || e.text().startsWith("WRONGTYPE"))) {
                return CompletableFuture.completedFuture(reply);
            }
            List<CompletableFuture<Reply>> types = new ArrayList<>();
            for (byte[] key : keys) types.add(executor.execute(slot, new byte[][] {bytes("type"), key}, false));
            return CompletableFuture.allOf(types.toArray(CompletableFuture[]::new)).thenApply(v -> {
                boolean allStreams = types.stream().allMatch(t -> t.join().equals(new Reply.Simple("stream")));
                return allStreams ? GROUP_GONE : STREAM_GONE;
            });
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }
}
