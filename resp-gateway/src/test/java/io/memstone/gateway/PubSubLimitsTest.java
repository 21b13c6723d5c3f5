package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.engine.Reply;
import io.memstone.engine.RespWriter;
import io.memstone.testing.RawRespClient;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pub/Sub under abusive clients: huge names, thousands of channels, a subscriber that never reads. */
class PubSubLimitsTest {
    @RegisterExtension
    static final TestGateway gateway = new TestGateway();

    @Test
    void aOneMegabyteChannelNameIsSubscribedAndDelivered() {
        byte[] name = new byte[1 << 20];
        Arrays.fill(name, (byte) 'c');
        byte[] hi = "hi".getBytes(StandardCharsets.UTF_8);
        try (RawRespClient sub = connect(); RawRespClient pub = connect()) {
            assertArrayEquals(push("subscribe", Reply.bulk(name), Reply.ONE), sub.call("SUBSCRIBE".getBytes(), name));
            assertEquals(":1\r\n", new String(pub.call("PUBLISH".getBytes(), name, hi), StandardCharsets.UTF_8));
            assertArrayEquals(push("message", Reply.bulk(name), Reply.bulk(hi)), sub.read());
        }
    }

    @Test
    void tenThousandChannelsOnOneConnectionAreConfirmedCountedAndDroppedOnClose() {
        int n = 10_000;
        String[] subscribe = new String[n + 1];
        subscribe[0] = "SUBSCRIBE";
        for (int i = 1; i <= n; i++) subscribe[i] = "many:" + i;
        try (RawRespClient observer = connect()) {
            try (RawRespClient sub = connect()) {
                sub.callString(subscribe);
                for (int i = 2; i < n; i++) sub.read();
                assertEquals(new String(push("subscribe", Reply.bulk("many:" + n), Reply.integer(n)), StandardCharsets.UTF_8),
                        new String(sub.read(), StandardCharsets.UTF_8), "the last confirmation counts every channel");
                assertEquals(n, RawRespClient.arrayElements(observer.call(RawRespClient.toBytes("PUBSUB", "CHANNELS", "many:*"))).size());
                assertEquals(":1\r\n", observer.callString("PUBLISH", "many:777", "x"));
                assertTrue(observer.callString("INFO", "stats").contains("\r\npubsub_channels:" + n + "\r\n"), "INFO stats");
            }
            Awaitility.await("a closed connection's channels dropped").atMost(Duration.ofSeconds(30))
                    .until(() -> observer.callString("PUBSUB", "CHANNELS", "many:*").equals("*0\r\n"));
        }
    }

    /**
     * A subscriber that never reads while a publisher floods: the gateway closes it once its
     * unsent output reaches the pubsub hard limit, instead of buffering without bound, and keeps
     * serving the publisher. Run at Redis' default limit (32 MB) and at a configured one.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pubsub 33554432 8388608 60", "pubsub 4mb 0 0"})
    void aSubscriberThatNeverReadsIsCutOffAtTheHardLimit(String setting) throws Exception {
        byte[] payload = new byte[64 * 1024];
        Arrays.fill(payload, (byte) 'p');
        try (Socket silent = new Socket(); RawRespClient pub = connect()) {
            assertEquals("+OK\r\n", pub.callString("CONFIG", "SET", "client-output-buffer-limit", setting));
            long limit = OutputLimits.pubsub(pub.callString("CONFIG", "GET", "client-output-buffer-limit")
                    .split("\r\n")[4]).hardBytes();
            silent.setReceiveBufferSize(4096);
            silent.connect(new InetSocketAddress("127.0.0.1", gateway.port()));
            OutputStream out = silent.getOutputStream();
            out.write(RawRespClient.encodeCommand(RawRespClient.toBytes("SUBSCRIBE", "flood")));
            out.flush();
            Awaitility.await("the silent subscriber counted").atMost(Duration.ofSeconds(30))
                    .until(() -> pub.callString("PUBSUB", "NUMSUB", "flood").endsWith(":1\r\n"));
            long published = 0;
            // Kernel socket buffers hold a few MB beyond the gateway's limit, and the subscriber's
            // event loop checks its limit while the publisher's goes on (24 MB more seen on a
            // loaded machine); 64 MB more is far past all of it.
            long unbounded = limit + (64 << 20);
            while (published < unbounded) {
                String receivers = new String(pub.call("PUBLISH".getBytes(), "flood".getBytes(), payload), StandardCharsets.UTF_8);
                if (receivers.equals(":0\r\n")) break;
                published += payload.length;
            }
            assertTrue(published >= limit && published < unbounded,
                    "the subscriber was cut off after " + published + " bytes published; limit " + limit);
            assertEquals("+PONG\r\n", pub.callString("PING"), "the publisher is still served");
            pub.callString("CONFIG", "SET", "client-output-buffer-limit", OutputLimits.DEFAULT);
        }
    }

    private static RawRespClient connect() {
        return RawRespClient.connect("127.0.0.1", gateway.port());
    }

    private static byte[] push(String kind, Reply name, Reply last) {
        return RespWriter.encode(new Reply.Push(List.of(Reply.bulk(kind), name, last)), RespWriter.RESP2);
    }
}
