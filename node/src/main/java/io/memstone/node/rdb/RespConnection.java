package io.memstone.node.rdb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal pipelining RESP2 client for the rdb tools: commands are buffered by {@link #send}
 * and go out on {@link #flush}; replies are read in order. Smaller than putting a Redis client
 * library on the runtime classpath for the five commands the tools use.
 */
public final class RespConnection implements AutoCloseable {
    /** An error reply, e.g. "BUSYKEY Target key name already exists.". */
    public record Error(String message) {}

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    /** A write waits for a Raft commit; a new leader may take seconds to be elected. */
    private static final int READ_TIMEOUT_MS = 60_000;
    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RespConnection(String host, int port) throws IOException {
        this(host, port, READ_TIMEOUT_MS);
    }

    public RespConnection(String host, int port, int readTimeoutMs) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        socket.setSoTimeout(readTimeoutMs);
        socket.setTcpNoDelay(true);
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    }

    /** Buffers one command: an array of bulk strings. */
    void send(byte[]... argv) throws IOException {
        out.write(ascii("*" + argv.length + "\r\n"));
        for (byte[] a : argv) {
            out.write(ascii("$" + a.length + "\r\n"));
            out.write(a);
            out.write(CRLF);
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Sends one command and returns its reply. */
    public Object call(byte[]... argv) throws IOException {
        send(argv);
        flush();
        return read();
    }

    /** The next reply: a String (simple), {@link Error}, Long, byte[] (bulk, null if nil) or List of these. */
    Object read() throws IOException {
        String line = line();
        String rest = line.substring(1);
        switch (line.charAt(0)) {
            case '+': return rest;
            case '-': return new Error(rest);
            case ':': return Long.parseLong(rest);
            case '$': {
                int n = Integer.parseInt(rest);
                if (n < 0) return null;
                byte[] b = in.readNBytes(n);
                if (b.length < n || in.readNBytes(2).length < 2) throw new EOFException("connection closed mid-reply");
                return b;
            }
            case '*': {
                int n = Integer.parseInt(rest);
                if (n < 0) return null;
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) items.add(read());
                return items;
            }
            default: throw new IOException("not a RESP2 reply: " + line);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException("connection closed by the server");
            if (prev == '\r' && c == '\n') break;
            if (prev >= 0) b.write(prev);
            prev = c;
        }
        if (b.size() == 0) throw new IOException("empty RESP line");
        return b.toString(StandardCharsets.UTF_8);
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
