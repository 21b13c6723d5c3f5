package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.util.ArrayList;
import java.util.List;

/** Combines the per-shard replies of a keyless command into the one reply Redis would give. */
final class ShardReplies {
    private ShardReplies() {}

    /**
     * A single shard's reply stands as it is. Of several replies, any error wins (the first);
     * integers add up (DBSIZE); arrays concatenate (KEYS); otherwise the shards agree
     * (FLUSHALL's OK) and the first reply stands.
     */
    static Reply merge(List<Reply> replies) {
        if (replies.isEmpty()) return GatewayErrors.error("CLUSTERDOWN no shard answered");
        if (replies.size() == 1) return replies.get(0);
        for (Reply r : replies) {
            if (r.isError()) return r;
        }
        if (replies.stream().allMatch(r -> r instanceof Reply.Int)) {
            return Reply.integer(replies.stream().mapToLong(r -> ((Reply.Int) r).value()).sum());
        }
        if (replies.stream().allMatch(r -> r instanceof Reply.Array)) {
            List<Reply> all = new ArrayList<>();
            replies.forEach(r -> all.addAll(((Reply.Array) r).items()));
            return Reply.array(all);
        }
        return replies.get(0);
    }
}
