package io.memstone.raft;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.ratis.protocol.RaftGroupId;

/** Group names and their Raft group ids: stable, derived from the name, the same on every node. */
public final class ShardGroups {
    private ShardGroups() {}

    public static final String FIRST_SHARD = "shard-0";
    /** The meta group, which holds the cluster's shape. */
    public static final String META = "meta";

    public static String shardName(int index) {
        return "shard-" + index;
    }

    public static RaftGroupId groupId(String name) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("memstone/" + name).getBytes(StandardCharsets.UTF_8)));
    }
}
