package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Engine commands without keys, which concern every shard. SCAN walks the shards one after
 * the other with a cursor that names the shard: {@code engineCursor * shards + shard}, so
 * cursor 0 starts at shard 0 and 0 is returned only after the last shard. RANDOMKEY picks
 * among the shards that have keys. The others (DBSIZE, KEYS, FLUSHALL...) run everywhere and
 * their replies merge ({@link ShardReplies}). SCRIPT LOAD and FLUSH, and FUNCTION LOAD, DELETE,
 * FLUSH and RESTORE, go to every shard through the log, so a script or function loaded through
 * any gateway runs on every shard; FUNCTION LIST, DUMP and STATS ask the first shard.
 *
 * <p>A cursor handed out before the number of shards changed names the wrong shard: like a
 * SCAN across a rehash, keys may then be returned twice or missed.
 */
final class KeylessCommands {
    private static final Reply INVALID_CURSOR = GatewayErrors.error("ERR invalid cursor");

    private final CommandExecutor executor;

    KeylessCommands(CommandExecutor executor) {
        this.executor = executor;
    }

    CompletableFuture<Reply> run(String name, byte[][] argv, boolean write) {
        return switch (name) {
            case "scan" -> scan(argv);
            case "randomkey" -> executor.executeOnAllShards(argv, false).thenApply(KeylessCommands::anyKey);
            case "script|exists" -> executor.executeOnAllShards(argv, false).thenApply(KeylessCommands::onEveryShard);
            // Every shard holds the same libraries (FUNCTION LOAD and the like went to all of them).
            case "function|list", "function|dump", "function|stats" -> executor.executeOnShard(0, argv, false);
            default -> executor.executeOnAllShards(argv, write).thenApply(ShardReplies::merge);
        };
    }

    private CompletableFuture<Reply> scan(byte[][] argv) {
        long shards = executor.shardCount();
        long cursor;
        try {
            cursor = Long.parseUnsignedLong(Args.text(argv[1]));
        } catch (NumberFormatException e) {
            return CompletableFuture.completedFuture(INVALID_CURSOR);
        }
        int shard = (int) Long.remainderUnsigned(cursor, shards);
        byte[][] forShard = argv.clone();
        forShard[1] = Long.toUnsignedString(Long.divideUnsigned(cursor, shards)).getBytes();
        return executor.executeOnShard(shard, forShard, false).thenApply(reply -> {
            if (!(reply instanceof Reply.Array a) || a.items().size() != 2) return reply;
            long next = Long.parseUnsignedLong(Args.text(((Reply.Bulk) a.items().get(0)).value()));
            long composite = next != 0 ? next * shards + shard : shard + 1 < shards ? shard + 1 : 0;
            return Reply.array(List.of(Reply.bulk(Long.toUnsignedString(composite)), a.items().get(1)));
        });
    }

    /**
     * SCRIPT EXISTS: 1 for a script every shard holds, so that EVALSHA works whichever shard
     * its keys name (SCRIPT LOAD goes to all of them; EVAL caches only on its own shard).
     */
    private static Reply onEveryShard(List<Reply> replies) {
        for (Reply r : replies) {
            if (!(r instanceof Reply.Array)) return r;
        }
        List<Reply> first = ((Reply.Array) replies.get(0)).items();
        List<Reply> all = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            int at = i;
            boolean everywhere = replies.stream().allMatch(r -> ((Reply.Array) r).items().get(at).equals(Reply.ONE));
            all.add(everywhere ? Reply.ONE : Reply.ZERO);
        }
        return Reply.array(all);
    }

    /** One of the shards' keys, or nil when every shard is empty. */
    private static Reply anyKey(List<Reply> replies) {
        for (Reply r : replies) {
            if (r.isError()) return r;
        }
        List<Reply> keys = replies.stream().filter(r -> r instanceof Reply.Bulk).toList();
        return keys.isEmpty() ? Reply.NULL : keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
    }
}
