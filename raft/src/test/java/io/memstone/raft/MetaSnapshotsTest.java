package io.memstone.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memstone.acl.AclUsers;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaSnapshotsTest {
    /** A restarted meta replica keeps the version: a shard engine behind it (a new shard) is still brought up to date. */
    @Test
    void parametersKeepTheirValuesAndVersion() throws IOException {
        ClusterParameters set = ClusterParameters.DEFAULT.with(Map.of("hash-max-listpack-entries", "2")).at(42);
        MetaSnapshots.State loaded = MetaSnapshots.decode(MetaSnapshots.encode(new MetaSnapshots.State(null, set, AclUsers.initial())));
        assertEquals(set, loaded.parameters());
        assertEquals(42, loaded.parameters().version());
        assertEquals("2", loaded.parameters().get("hash-max-listpack-entries"));
    }
}
