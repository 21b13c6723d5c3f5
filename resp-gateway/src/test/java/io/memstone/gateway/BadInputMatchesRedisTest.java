package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memstone.testing.RawClient;
import io.memstone.testing.RedisServerProcess;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests: the same bytes go to a real redis-server 7.0 and to the gateway, and the
 * reply bytes and whether the connection was closed must be identical.
 */
class BadInputMatchesRedisTest {
    private static RedisServerProcess redis;

    @RegisterExtension
    static final TestGateway gateway = new TestGateway();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (redis != null) redis.close();
    }

    static Stream<Arguments> requests() {
        String longArg = "x".repeat(50);
        return Stream.of(
                Arguments.of("unknown command", "*2\r\n$6\r\nFOOBAR\r\n$1\r\na\r\n"),
                Arguments.of("unknown command, args cut at 128 chars",
                        "FOOBAR " + (longArg + " ").repeat(5) + "\r\n"),
                Arguments.of("unknown subcommand", "CLIENT FOO bar\r\n"),
                Arguments.of("wrong arity of a gateway command", "*1\r\n$4\r\nECHO\r\n"),
                Arguments.of("wrong arity of an engine command", "*1\r\n$3\r\nGET\r\n"),
                Arguments.of("wrong arity of a subcommand", "CLIENT SETNAME\r\n"),
                Arguments.of("wrong arity of a container", "CLIENT\r\n"),
                Arguments.of("non-integer SELECT", "*2\r\n$6\r\nSELECT\r\n$3\r\nabc\r\n"),
                Arguments.of("non-integer INCRBY", "*3\r\n$6\r\nINCRBY\r\n$7\r\nbadincr\r\n$3\r\n1.5\r\n"),
                Arguments.of("negative multibulk count is ignored", "*-5\r\n"),
                Arguments.of("zero multibulk count is ignored", "*0\r\n"),
                Arguments.of("huge bulk length", "*1\r\n$999999999999\r\n"),
                Arguments.of("negative bulk length", "*1\r\n$-1\r\n"),
                Arguments.of("bulk length with a leading zero", "*1\r\n$04\r\nECHO\r\n"),
                Arguments.of("invalid multibulk count", "*1x\r\n"),
                Arguments.of("bulk shorter than its data", "*2\r\n$4\r\nECHO\r\n$1\r\nabc\r\n"),
                Arguments.of("two bytes after a bulk are not checked", "*2\r\n$4\r\nECHO\r\n$1\r\naXY"),
                Arguments.of("unknown type byte inside a multibulk", "*1\r\n+PING\r\n"),
                Arguments.of("unknown type byte starts an inline command", ":5\r\n"),
                Arguments.of("inline command with quotes and escapes", "ECHO \"a b\\x41\\n\" 'it\\'s'\r\n"),
                Arguments.of("inline command with bare newline", "ECHO hi\n"),
                Arguments.of("empty inline lines are ignored", "\r\n\n   \r\n"),
                Arguments.of("unbalanced double quotes", "ECHO \"abc\r\n"),
                Arguments.of("closing quote not followed by a space", "ECHO 'a'b\r\n"),
                Arguments.of("too big inline request", "a".repeat(200_000)),
                Arguments.of("commands before a protocol error are answered", "ECHO first\r\n*1\r\n$x\r\n"),
                Arguments.of("QUIT answers then closes", "QUIT\r\n"),
                Arguments.of("HELLO with an unsupported version", "HELLO 4\r\n"),
                Arguments.of("HELLO with a bad option", "HELLO 2 foo\r\n"),
                Arguments.of("HELLO AUTH with an unknown user", "HELLO 3 AUTH bob secret\r\n"),
                Arguments.of("AUTH without a configured password", "AUTH secret\r\nAUTH default x\r\nAUTH a b c\r\n"),
                Arguments.of("CLIENT SETNAME with a space", "CLIENT SETNAME \"a b\"\r\n"),
                Arguments.of("PING with too many arguments", "PING a b\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void gatewayAnswersBadInputLikeRedis(String what, String request) throws Exception {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        RawClient.Answer expected = RawClient.exchange(redis.port(), bytes);
        RawClient.Answer actual = RawClient.exchange(gateway.port(), bytes);
        assertEquals(expected, actual, () -> "request " + escape(request) + ": redis-server answered "
                + escape(expected.replies()) + (expected.closed() ? " and closed" : "") + ", the gateway "
                + escape(actual.replies()) + (actual.closed() ? " and closed" : ""));
    }

    @Test
    void serverKeepsServingOtherConnectionsAfterProtocolErrors() throws Exception {
        try (var before = new java.net.Socket("127.0.0.1", gateway.port())) {
            before.setSoTimeout(5000);
            for (String bad : new String[] {"*1\r\n$999999999999\r\n", "*1\r\n+x\r\n", "ECHO \"x\r\n"}) {
                assertEquals(true, RawClient.exchange(gateway.port(), bad.getBytes(StandardCharsets.US_ASCII)).closed(),
                        "connection sending " + escape(bad) + " is closed");
            }
            before.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] pong = before.getInputStream().readNBytes(7);
            assertEquals("+PONG\r\n", new String(pong, StandardCharsets.US_ASCII), "an older connection still works");
        }
        assertEquals(new RawClient.Answer("+PONG\r\n", false),
                RawClient.exchange(gateway.port(), "PING\r\n".getBytes(StandardCharsets.US_ASCII)),
                "a new connection still works");
    }

    private static String escape(String s) {
        String shown = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        return "\"" + shown.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
