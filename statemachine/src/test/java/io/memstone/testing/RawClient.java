package io.memstone.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** Sends raw bytes to a RESP server and reads the raw answer, noting whether it closed. */
public final class RawClient {
    /** Appended to every request: once its reply arrives, everything before it was answered. */
    public static final byte[] SENTINEL = "*2\r\n$4\r\nECHO\r\n$17\r\nmemstone-sentinel\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SENTINEL_REPLY = "$17\r\nmemstone-sentinel\r\n".getBytes(StandardCharsets.US_ASCII);

    /** What came back: the bytes before the sentinel's reply, and whether the server closed. */
    public record Answer(String replies, boolean closed) {}

    private RawClient() {}

    /** Sends {@code request + SENTINEL} in one write, reads until the sentinel's reply or EOF. */
    public static Answer exchange(int port, byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            byte[] all = new byte[request.length + SENTINEL.length];
            System.arraycopy(request, 0, all, 0, request.length);
            System.arraycopy(SENTINEL, 0, all, request.length, SENTINEL.length);
            try {
                s.getOutputStream().write(all);
            } catch (SocketException closedWhileSending) {
                // The server gave up on the request part way (too big): read what it answered.
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketException reset) {
                    n = -1;
                }
                if (n < 0) return new Answer(got.toString(StandardCharsets.ISO_8859_1), true);
                got.write(buf, 0, n);
                byte[] sofar = got.toByteArray();
                if (endsWith(sofar, SENTINEL_REPLY)) {
                    return new Answer(new String(sofar, 0, sofar.length - SENTINEL_REPLY.length, StandardCharsets.ISO_8859_1), false);
                }
            }
        }
    }

    private static boolean endsWith(byte[] b, byte[] suffix) {
        if (b.length < suffix.length) return false;
        for (int i = 0; i < suffix.length; i++) {
            if (b[b.length - suffix.length + i] != suffix[i]) return false;
        }
        return true;
    }
}
