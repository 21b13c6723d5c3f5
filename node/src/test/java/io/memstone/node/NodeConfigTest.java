package io.memstone.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.raft.LogPayloadMode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
    private static Properties props(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    private static final String TWO_PEERS = """
            node.id = n2
            data-dir = /data/n2
            peer.n1.zone = zone-a
            peer.n1.host = 10.0.0.1
            peer.n1.resp-port = 6379
            peer.n1.raft-port = 7379
            peer.n1.admin-port = 8379
            peer.n2.zone = zone-b
            peer.n2.host = 10.0.0.2
            peer.n2.resp-port = 6380
            peer.n2.raft-port = 7380
            peer.n2.admin-port = 8380
            """;

    @Test
    void selfAndPeersComeFromThePeerBlocks() throws Exception {
        NodeConfig c = NodeConfig.parse(props(TWO_PEERS));
        assertEquals(new NodeConfig.Member("n2", "zone-b", "10.0.0.2", 6380, 7380, 8380), c.self());
        assertEquals(List.of("n1", "n2"), c.members().stream().map(NodeConfig.Member::id).toList());
        assertEquals(Path.of("/data/n2"), c.dataDir());
        assertEquals(LogPayloadMode.ROCKSDB, c.payloadMode(), "RocksDB payloads by default");
        assertEquals(3, c.shards(), "three shards by default");
    }

    @Test
    void theMetricsPortIsAdminPortPlus1000UnlessGiven() throws Exception {
        NodeConfig c = NodeConfig.parse(props(TWO_PEERS + "peer.n1.metrics-port = 9999\n"));
        assertEquals(9380, c.self().metricsPort());
        assertEquals(9999, c.members().get(0).metricsPort());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> NodeConfig.parse(props(TWO_PEERS + "peer.n2.metrics-port = x\n")));
        assertTrue(bad.getMessage().contains("peer.n2.metrics-port"), bad.getMessage());
    }

    @Test
    void writtenConfigReadsBackEqual() throws Exception {
        NodeConfig c = NodeConfig.parse(props(TWO_PEERS + "log.payloads = segmented\nshards = 5\n"
                + "admin.token-file = /etc/memstone/token\ncluster.join = true\n"));
        assertEquals(AdminToken.inFile(Path.of("/etc/memstone/token")), c.adminToken());
        assertTrue(c.join());
        assertEquals(c, NodeConfig.parse(c.toProperties()));
    }

    @Test
    void nodeIdGivenBesideASharedFileWins(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cluster.properties"), TWO_PEERS);
        assertEquals("n2", NodeConfig.load(file).nodeId());
        NodeConfig n1 = NodeConfig.load(file, "n1");
        assertEquals("n1", n1.nodeId());
        assertEquals("10.0.0.1", n1.self().host());
        assertThrows(IllegalArgumentException.class, () -> NodeConfig.load(file, "n9"));
    }

    @Test
    void missingOrBadEntriesAreNamed() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> NodeConfig.parse(props(TWO_PEERS.replace("peer.n1.host = 10.0.0.1\n", ""))));
        assertTrue(missing.getMessage().contains("peer.n1.host"), missing.getMessage());
        IllegalArgumentException badPort = assertThrows(IllegalArgumentException.class,
                () -> NodeConfig.parse(props(TWO_PEERS.replace("7380", "seven"))));
        assertTrue(badPort.getMessage().contains("peer.n2.raft-port"), badPort.getMessage());
        IllegalArgumentException badMode = assertThrows(IllegalArgumentException.class,
                () -> NodeConfig.parse(props(TWO_PEERS + "log.payloads = tape\n")));
        assertTrue(badMode.getMessage().contains("log.payloads"), badMode.getMessage());
        IllegalArgumentException badBatch = assertThrows(IllegalArgumentException.class,
                () -> NodeConfig.parse(props(TWO_PEERS + "proposer.max-batch = 0\n")));
        assertTrue(badBatch.getMessage().contains("proposer.max-batch"), badBatch.getMessage());
        IllegalArgumentException badJoin = assertThrows(IllegalArgumentException.class,
                () -> NodeConfig.parse(props(TWO_PEERS + "cluster.join = maybe\n")));
        assertTrue(badJoin.getMessage().contains("cluster.join"), badJoin.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> NodeConfig.parse(props(TWO_PEERS + "admin.token = a\nadmin.token-file = /b\n")), "one token source");
        IllegalArgumentException unknownSelf = assertThrows(IllegalArgumentException.class,
                () -> NodeConfig.parse(props(TWO_PEERS.replace("node.id = n2", "node.id = n9"))));
        assertTrue(unknownSelf.getMessage().contains("n9"), unknownSelf.getMessage());
    }
}
