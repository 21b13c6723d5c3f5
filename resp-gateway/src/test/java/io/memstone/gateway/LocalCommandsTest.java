package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.testing.RawClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
        assertEquals(new RawClient.Answer("-ERR unknown command 'XADD', with args beginning with: 's' \r\n"
                + "-ERR unknown subcommand 'KILL'. Try CLIENT HELP.\r\n", false), send("XADD s\r\nCLIENT KILL x\r\n"));
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
}
