package io.memstone.raft;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.ratis.protocol.RaftGroupId;

/** Shard names and their Raft group ids: stable, derived from the name, the same on every node. */
public final class ShardGroups {
    private ShardGroups() {}

    public static final String FIRST_SHARD = "shard-0";

    static RaftGroupId groupId(String shard) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("memstone/" + shard).getBytes(StandardCharsets.UTF_8)));
    }
}
