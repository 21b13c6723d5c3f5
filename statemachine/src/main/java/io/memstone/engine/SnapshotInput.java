package io.memstone.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A snapshot file being read: big-endian numbers and length-prefixed bytes, as {@link
 * java.io.DataOutputStream} wrote them, parsed straight from one large buffer, with a CRC32C of
 * the bytes consumed so far. Loading millions of keys is then bound by allocation, not by the
 * byte-at-a-time reads and checksum updates of a DataInputStream over a CheckedInputStream.
 * A premature end of the stream throws {@link EOFException}.
 */
final class SnapshotInput {
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private final CRC32C crc = new CRC32C();
    /** Where the bytes consumed but not yet added to {@link #crc} start. */
    private int unsummed;

    SnapshotInput(InputStream in) {
        this.in = in;
    }

    /** Makes at least n (at most the buffer's size) unread bytes available from {@code pos}. */
    private void require(int n) throws IOException {
        if (limit - pos >= n) return;
        crc.update(buf, unsummed, pos - unsummed);
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
        unsummed = 0;
        while (limit < n) {
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) throw new EOFException();
            limit += read;
        }
    }

    int readUnsignedByte() throws IOException {
        require(1);
        return buf[pos++] & 0xff;
    }

    boolean readBoolean() throws IOException {
        return readUnsignedByte() != 0;
    }

    int readInt() throws IOException {
        require(Integer.BYTES);
        int v = (buf[pos] & 0xff) << 24 | (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8 | buf[pos + 3] & 0xff;
        pos += Integer.BYTES;
        return v;
    }

    long readLong() throws IOException {
        long high = readInt();
        return high << 32 | readInt() & 0xffffffffL;
    }

    double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    /** A count of items that follow; negative is corruption. */
    int readCount() throws IOException {
        int n = readInt();
        if (n < 0) throw new CorruptSnapshotException("negative count in snapshot");
        return n;
    }

    /** Length-prefixed bytes; a length beyond what can exist is corruption, not an allocation. */
    byte[] readBytes() throws IOException {
        int length = readInt();
        if (length < 0) throw new CorruptSnapshotException("negative length in snapshot");
        return readExactly(length);
    }

    byte[] readExactly(int n) throws IOException {
        if (n <= buf.length) {
            require(n);
            pos += n;
            return Arrays.copyOfRange(buf, pos - n, pos);
        }
        // Piece by piece: a corrupt length then ends at the end of the file, not in a huge allocation.
        ByteArrayOutputStream out = new ByteArrayOutputStream(buf.length);
        for (int left = n; left > 0; ) {
            int piece = Math.min(left, buf.length);
            require(piece);
            out.write(buf, pos, piece);
            pos += piece;
            left -= piece;
        }
        return out.toByteArray();
    }

    /** A string as {@link java.io.DataOutputStream#writeUTF} wrote it. */
    String readUTF() throws IOException {
        require(2);
        int length = (buf[pos] & 0xff) << 8 | buf[pos + 1] & 0xff;
        byte[] encoded = readExactly(2 + length);
        return new DataInputStream(new ByteArrayInputStream(encoded)).readUTF();
    }

    /** The CRC32C of every byte consumed so far. */
    long checksum() {
        crc.update(buf, unsummed, pos - unsummed);
        unsummed = pos;
        return crc.getValue();
    }

    /** True if nothing follows what was consumed. */
    boolean atEnd() throws IOException {
        return pos == limit && in.read() < 0;
    }
}
