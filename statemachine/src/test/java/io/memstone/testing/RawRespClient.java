package io.memstone.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A RESP2 client that returns each reply's exact bytes, so tests can compare servers byte for
 * byte. Sends commands as RESP arrays of bulk strings; reads one complete reply per command.
 */
public final class RawRespClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawRespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    public static RawRespClient connect(String host, int port) {
        try {
            Socket s = new Socket(host, port);
            s.setTcpNoDelay(true);
            s.setSoTimeout(10_000);
            return new RawRespClient(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one command and returns its reply's raw bytes. */
    public byte[] call(byte[]... argv) {
        try {
            out.write(encodeCommand(argv));
            out.flush();
            return readReply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a command without waiting for its reply (a blocking command); {@link #read} takes it later. */
    public void send(String... argv) {
        try {
            out.write(encodeCommand(toBytes(argv)));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the next reply without sending anything (MONITOR's lines, for one). */
    public byte[] read() {
        try {
            return readReply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String callString(String... argv) {
        return new String(call(toBytes(argv)), StandardCharsets.UTF_8);
    }

    /** Whether the server has closed this connection: a PING gets no reply. */
    public boolean closedByServer() {
        try {
            callString("PING");
            return false;
        } catch (UncheckedIOException closed) {
            return true;
        }
    }

    /** Sends raw bytes (for malformed-protocol tests) and reads one reply. */
    public byte[] sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return readReply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[][] toBytes(String... argv) {
        byte[][] b = new byte[argv.length][];
        for (int i = 0; i < argv.length; i++) b[i] = argv[i].getBytes(StandardCharsets.UTF_8);
        return b;
    }

    public static byte[] encodeCommand(byte[]... argv) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + argv.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : argv) {
            b.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(a);
            b.writeBytes(new byte[] {'\r', '\n'});
        }
        return b.toByteArray();
    }

    /**
     * The elements of a RESP2 array of bulk strings (each element's raw bytes, e.g.
     * {@code $1\r\na\r\n}), for comparing replies whose order is unspecified, like KEYS.
     */
    public static List<byte[]> arrayElements(byte[] reply) {
        try {
            var r = new RawRespClient.Reader(new java.io.ByteArrayInputStream(reply));
            String header = r.line();
            if (header.charAt(0) != '*') throw new IllegalArgumentException("not an array: " + header);
            List<byte[]> items = new ArrayList<>();
            for (int i = Integer.parseInt(header.substring(1)); i > 0; i--) items.add(r.reply());
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] readReply() throws IOException {
        return new Reader(in).reply();
    }

    /** Reads one reply's bytes, following its structure to know where it ends. */
    private static final class Reader {
        private final InputStream in;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        Reader(InputStream in) {
            this.in = in;
        }

        byte[] reply() throws IOException {
            copy.reset();
            element();
            return copy.toByteArray();
        }

        /** RESP2, and RESP3's aggregates ({@code > ~ %}) and blob types ({@code = !}) too. */
        private void element() throws IOException {
            String line = line();
            char type = line.charAt(0);
            int n = line.length() > 1 && "$*>~%=!".indexOf(type) >= 0 ? Integer.parseInt(line.substring(1)) : 0;
            if ("$=!".indexOf(type) >= 0 && n >= 0) {
                copy.write(in.readNBytes(n + 2));
            } else if ("*>~%".indexOf(type) >= 0) {
                for (int i = 0; i < (type == '%' ? 2 * n : n); i++) element();
            }
        }

        /** One CRLF-terminated line, copied; returned without the CRLF. */
        String line() throws IOException {
            ByteArrayOutputStream l = new ByteArrayOutputStream();
            int prev = -1;
            while (true) {
                int c = in.read();
                if (c < 0) throw new IOException("connection closed mid-reply");
                copy.write(c);
                if (prev == '\r' && c == '\n') break;
                if (prev >= 0) l.write(prev);
                prev = c;
            }
            return l.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a test connection cannot fail in a way that matters.
        }
    }
}
