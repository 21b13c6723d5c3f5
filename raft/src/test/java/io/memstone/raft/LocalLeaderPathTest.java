package io.memstone.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.memstone.engine.Reply;
import io.memstone.engine.ReplyCodec;
import io.memstone.engine.RespWriter;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import io.memstone.proto.ReadBatch;
import io.memstone.proto.ReplyBatch;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's way into a Raft server of its own node, on a real in-process Ratis server. */
class LocalLeaderPathTest {
    @TempDir
    Path dir;
    private RaftServer server;
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws IOException {
        reader.shutdownNow();
        if (server != null) server.close();
    }

    @Test
    void onTheLeaderWritesAndReadsGoStraightIntoTheServer() throws Exception {
        RaftPeer self = peer("n1");
        LocalLeaderPath path = start(self, RaftGroup.valueOf(RaftGroupId.randomId(), self));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(path::isLeader);

        RaftClientReply written = path.submit(message(CommandBatch.newBuilder()
                .addCommands(command("SET", "k", "v")).addCommands(command("INCR", "k")).build().toByteArray()))
                .get(30, TimeUnit.SECONDS);
        assertEquals(List.of("+OK\r\n", "-ERR value is not an integer or out of range\r\n"), replies(written));

        RaftClientReply read = path.read(message(ReadBatch.newBuilder().addCommands(command("GET", "k")).build().toByteArray()))
                .get(30, TimeUnit.SECONDS);
        assertEquals(List.of("$1\r\nv\r\n"), replies(read));
    }

    @Test
    void aServerThatDoesNotLeadAnswersNothingSoTheCallerGoesThroughTheClient() throws Exception {
        RaftPeer self = peer("n1");
        // The second member never starts: n1 cannot win an election, so it never leads.
        LocalLeaderPath path = start(self, RaftGroup.valueOf(RaftGroupId.randomId(), self, peer("n2")));

        assertFalse(path.isLeader());
        assertNull(path.submit(message(CommandBatch.newBuilder().addCommands(command("SET", "k", "v")).build().toByteArray()))
                .get(30, TimeUnit.SECONDS), "not appended here: the caller may send it elsewhere");
        assertNull(path.read(message(ReadBatch.newBuilder().addCommands(command("GET", "k")).build().toByteArray()))
                .get(30, TimeUnit.SECONDS));
    }

    private LocalLeaderPath start(RaftPeer self, RaftGroup group) throws IOException {
        RaftProperties p = new RaftProperties();
        GrpcConfigKeys.Server.setPort(p, port(self));
        RaftServerConfigKeys.setStorageDir(p, List.of(dir.toFile()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(300, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(600, TimeUnit.MILLISECONDS));
        server = RaftServer.newBuilder().setServerId(self.getId()).setGroup(group).setProperties(p)
                .setOption(RaftStorage.StartupOption.FORMAT)
                .setStateMachine(new ShardStateMachine(LogPayloadMode.SEGMENTED)).build();
        server.start();
        return new LocalLeaderPath(server, group.getGroupId(), reader);
    }

    private static RaftPeer peer(String id) throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return RaftPeer.newBuilder().setId(id).setAddress("127.0.0.1:" + s.getLocalPort()).build();
        }
    }

    private static int port(RaftPeer peer) {
        return Integer.parseInt(peer.getAddress().substring(peer.getAddress().lastIndexOf(':') + 1));
    }

    private static Command command(String... args) {
        Command.Builder c = Command.newBuilder();
        for (String a : args) c.addArgs(ByteString.copyFromUtf8(a));
        return c.build();
    }

    private static Message message(byte[] bytes) {
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes));
    }

    /** The reply batch's replies, as RESP text. */
    private static List<String> replies(RaftClientReply reply) throws IOException {
        assertTrue(reply.isSuccess(), () -> "the server failed the request: " + reply.getException());
        ReplyBatch batch = ReplyBatch.parseFrom(reply.getMessage().getContent().toByteArray());
        return batch.getRepliesList().stream()
                .map(r -> new String(RespWriter.encode(ReplyCodec.decode(r.toByteArray()), RespWriter.RESP2), StandardCharsets.ISO_8859_1))
                .toList();
    }
}
