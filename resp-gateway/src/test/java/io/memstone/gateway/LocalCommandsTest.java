package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawClient;
import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** Gateway commands where Memstone deliberately differs from a standalone redis-server, or has no reference. */
class LocalCommandsTest {
    @RegisterExtension
    static final TestGateway gateway = new TestGateway();

    private static RawClient.Answer send(String request) throws Exception {
        return RawClient.exchange(gateway.port(), request.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void onlyDatabaseZeroExists() throws Exception {
        assertEquals(new RawClient.Answer("+OK\r\n-ERR SELECT is not allowed in cluster mode\r\n", false), send("SELECT 0\r\nSELECT 1\r\n"));
    }

    @Test
    void commandsInRedisTableButNotImplementedAreUnknown() throws Exception {
        assertEquals(new RawClient.Answer("-ERR unknown command 'GEOADD', with args beginning with: 's' \r\n"
                + "-ERR unknown subcommand 'CACHING'. Try CLIENT HELP.\r\n", false), send("GEOADD s\r\nCLIENT CACHING x\r\n"));
    }

    @Test
    void internalEngineCommandsAreNotReachableByClients() throws Exception {
        assertEquals(new RawClient.Answer("-ERR unknown command '__keyspace', with args beginning with: \r\n", false),
                send("__keyspace\r\n"));
    }

    @Test
    void helloThreeSwitchesTheRepliesThatFollowToResp3() throws Exception {
        String replies = send("HELLO 3\r\nCLIENT GETNAME\r\nHELLO 2\r\nCLIENT GETNAME\r\n").replies();
        assertTrue(replies.startsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n"),
                "HELLO 3 answers a RESP3 map: " + replies);
        assertTrue(replies.contains("_\r\n*14\r\n"), "null in RESP3, then HELLO 2's flat array: " + replies);
        assertTrue(replies.endsWith("$-1\r\n"), "null bulk in RESP2 again: " + replies);
    }

    @Test
    void commandInfoAndDocsDescribeImplementedCommands() throws Exception {
        String info = send("COMMAND INFO get nosuch client|id\r\n").replies();
        assertTrue(info.startsWith("*3\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n"
                + "*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n*1\r\n"), info);
        assertTrue(info.contains("$-1\r\n*10\r\n$9\r\nclient|id\r\n:2\r\n*3\r\n+noscript\r\n+loading\r\n+stale\r\n"), info);
        String docs = send("COMMAND DOCS get\r\n").replies();
        assertTrue(docs.startsWith("*2\r\n$3\r\nget\r\n*10\r\n$7\r\nsummary\r\n"), docs);
        assertTrue(docs.endsWith("$9\r\narguments\r\n*1\r\n*6\r\n$4\r\nname\r\n$3\r\nkey\r\n$4\r\ntype\r\n$3\r\nkey\r\n"
                + "$14\r\nkey_spec_index\r\n:0\r\n"), docs);
    }

    @Test
    void clientNameRoundTripsAndShowsInClientList() throws Exception {
        String replies = send("CLIENT SETNAME app-1\r\nCLIENT GETNAME\r\nCLIENT LIST\r\n").replies();
        assertTrue(replies.startsWith("+OK\r\n$5\r\napp-1\r\n"), replies);
        assertTrue(replies.contains(" name=app-1 ") && replies.contains(" cmd=client|list "), replies);
    }

    @Test
    void clientTrackingIsRefusedWithAnError() throws Exception {
        assertEquals(new RawClient.Answer("-ERR CLIENT TRACKING is not supported: Memstone has no client-side caching\r\n", false),
                send("CLIENT TRACKING on\r\n"));
    }

    @Test
    void clientPauseWriteHoldsWritesUntilUnpausedWhileReadsGoOn() throws Exception {
        try (Jedis admin = new Jedis("127.0.0.1", gateway.port()); Jedis writer = new Jedis("127.0.0.1", gateway.port());
             Jedis reader = new Jedis("127.0.0.1", gateway.port())) {
            writer.clientSetname("paused-writer");
            assertEquals("OK", admin.clientPause(60_000, redis.clients.jedis.args.ClientPauseMode.WRITE));
            CompletableFuture<String> write = CompletableFuture.supplyAsync(() -> writer.set("paused:k", "v"));
            Awaitility.await("the SET to reach the gateway").atMost(Duration.ofSeconds(10))
                    .until(() -> admin.clientList().lines().anyMatch(l -> l.contains(" name=paused-writer ") && l.contains(" cmd=set ")));
            assertEquals(null, reader.get("paused:other"), "reads are not held by a WRITE pause");
            assertEquals("PONG", reader.ping());
            assertTrue(!write.isDone(), "the SET waits while the pause lasts");
            assertEquals("OK", admin.clientUnpause());
            assertEquals("OK", write.get());
            assertEquals("v", reader.get("paused:k"));
        }
    }

    @Test
    void idleClientsAreClosedAfterTheTimeoutButMonitorsStay() throws Exception {
        try (RawRespClient admin = RawRespClient.connect("127.0.0.1", gateway.port());
             RawRespClient idle = RawRespClient.connect("127.0.0.1", gateway.port());
             RawRespClient monitor = RawRespClient.connect("127.0.0.1", gateway.port())) {
            assertEquals("+OK\r\n", monitor.callString("MONITOR"));
            assertEquals("+OK\r\n", admin.callString("CONFIG", "SET", "timeout", "1"));
            try {
                String idleId = idle.callString("CLIENT", "ID").replaceAll("\\D", "");
                Awaitility.await("the idle client to be closed").atMost(Duration.ofSeconds(20))
                        .until(() -> !admin.callString("CLIENT", "LIST").contains("id=" + idleId + " "));
                assertTrue(idle.closedByServer(), "the idle connection was closed");
                admin.callString("CONFIG", "SET", "timeout", "0");
                admin.callString("ECHO", "still-fed");
                String line;
                do {
                    line = new String(monitor.read(), StandardCharsets.UTF_8);
                } while (!line.contains("still-fed"));
            } finally {
                admin.callString("CONFIG", "SET", "timeout", "0");
            }
        }
    }
}
