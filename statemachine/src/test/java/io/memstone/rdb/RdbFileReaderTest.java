package io.memstone.rdb;

import static io.memstone.rdb.PackedBuilders.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RdbFileWriter's files read back by RdbFileReader, and malformed files rejected cleanly. */
class RdbFileReaderTest {
    private static final long EXPIRE = 1_900_000_000_123L;

    private static List<RdbFileReader.Entry> sample() {
        Random r = new Random(7);
        byte[] big = new byte[300_000];
        r.nextBytes(big);
        List<RdbFileReader.Entry> out = new ArrayList<>();
        out.add(new RdbFileReader.Entry(0, bytes("s"), new RdbValue.RdbString(bytes("12345")), -1));
        out.add(new RdbFileReader.Entry(0, bytes("lzf"), new RdbValue.RdbString(bytes("abc".repeat(50_000))), EXPIRE));
        out.add(new RdbFileReader.Entry(0, bytes("big random, bigger than the read buffer"), new RdbValue.RdbString(big), -1));
        out.add(new RdbFileReader.Entry(0, bytes("l"), new RdbValue.RdbList(List.of(bytes("a"), bytes("7"), bytes(""))), -1));
        out.add(new RdbFileReader.Entry(0, bytes("set"), new RdbValue.RdbSet(List.of(bytes("x"), bytes("1"))), EXPIRE + 1));
        out.add(new RdbFileReader.Entry(0, bytes("h"), new RdbValue.RdbHash(
                List.of(new RdbValue.FieldValue(bytes("f"), bytes("v")))), -1));
        out.add(new RdbFileReader.Entry(3, bytes("z"), new RdbValue.RdbZSet(
                List.of(new RdbValue.ScoredMember(bytes("m"), 1.5), new RdbValue.ScoredMember(bytes("n"), -2))), -1));
        return out;
    }

    private static byte[] file(List<RdbFileReader.Entry> entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (RdbFileWriter w = new RdbFileWriter(b)) {
            int db = -1;
            for (RdbFileReader.Entry e : entries) {
                if (e.db() != db) w.selectDb(db = e.db(), 1, 0);
                w.write(e.key(), e.value(), e.expireAtMs());
            }
            w.finish();
        }
        return b.toByteArray();
    }

    private static List<RdbFileReader.Entry> readAll(byte[] file) {
        RdbFileReader r = new RdbFileReader(new ByteArrayInputStream(file), file.length);
        List<RdbFileReader.Entry> out = new ArrayList<>();
        for (RdbFileReader.Entry e = r.next(); e != null; e = r.next()) out.add(e);
        assertNull(r.next());
        return out;
    }

    @Test
    void readsWhatTheWriterWrote() throws IOException {
        List<RdbFileReader.Entry> written = sample();
        byte[] f = file(written);
        RdbFileReader r = new RdbFileReader(new ByteArrayInputStream(f), f.length);
        assertEquals(10, r.version());
        List<RdbFileReader.Entry> read = readAll(f);
        assertEquals(written.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(written.get(i).db(), read.get(i).db());
            assertArrayEquals(written.get(i).key(), read.get(i).key());
            assertEquals(KeyContents.of(written.get(i).value()), KeyContents.of(read.get(i).value()));
            assertEquals(written.get(i).expireAtMs(), read.get(i).expireAtMs());
        }
        while (r.next() != null) continue;
        assertEquals("7.0.0", r.aux().get("redis-ver"));
    }

    /** A stream that hands out a few bytes per read, as sockets and pipes may. */
    @Test
    void readsAStreamThatTricklesIn() throws IOException {
        byte[] f = file(sample());
        java.io.InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(f)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        RdbFileReader r = new RdbFileReader(trickle, f.length);
        int n = 0;
        while (r.next() != null) n++;
        assertEquals(sample().size(), n);
        assertEquals(f.length, r.position());
    }

    @Test
    void writesDumpPayloadsAsTheyAre() throws IOException {
        RdbValue v = new RdbValue.RdbList(List.of(bytes("a"), bytes("b")));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (RdbFileWriter w = new RdbFileWriter(b)) {
            w.selectDb(0, 1, 0);
            w.writeDumped(bytes("k"), DumpPayload.create(v), 5);
            w.finish();
        }
        RdbFileReader.Entry e = readAll(b.toByteArray()).get(0);
        assertEquals(KeyContents.of(v), KeyContents.of(e.value()));
        assertEquals(5, e.expireAtMs());
    }

    @Test
    void everyTruncationFailsCleanly() throws IOException {
        byte[] f = file(sample().subList(3, 7));
        for (int n = 0; n < f.length; n++) {
            byte[] cut = Arrays.copyOf(f, n);
            assertThrows(RdbFormatException.class, () -> readAll(cut), "cut at " + n);
        }
    }

    @Test
    void everyFlippedByteIsDetected() throws IOException {
        byte[] f = file(sample().subList(3, 7));
        for (int i = 0; i < f.length; i++) {
            byte[] bad = f.clone();
            bad[i] ^= 0x20;
            assertThrows(RdbFormatException.class, () -> readAll(bad), "flipped byte " + i);
        }
    }

    @Test
    void aZeroChecksumIsNotChecked() throws IOException {
        byte[] f = file(sample());
        Arrays.fill(f, f.length - 8, f.length, (byte) 0);
        assertEquals(sample().size(), readAll(f).size());
    }

    @Test
    void rejectsOtherFilesAndVersions() throws IOException {
        byte[] f = file(sample());
        assertMessage(bytes("NOTRDB0010"), "not an RDB file");
        byte[] v11 = f.clone();
        v11[8] = '1';
        v11[7] = '1';
        assertMessage(v11, "RDB version 11 is not supported");
        byte[] trailing = Arrays.copyOf(f, f.length + 3);
        assertMessage(trailing, "followed by 11 bytes");
    }

    /** Hand-built files with what Redis writes besides keys: LRU/LFU hints, functions, module aux data. */
    @Test
    void skipsHintsFunctionsAndModuleAuxData() {
        RdbOutput o = header();
        o.writeByte(RdbFileReader.OPCODE_FUNCTION2);
        o.writeString(bytes("#!lua name=lib\nredis.register_function('f', function() return 1 end)"));
        o.writeByte(RdbFileReader.OPCODE_MODULE_AUX);
        o.writeLength(0x1234);
        o.writeLength(2); // when_opcode: UINT
        o.writeLength(2); // when
        o.writeLength(5); // a string
        o.writeString(bytes("module data"));
        o.writeLength(4); // a double
        o.writeBinaryDouble(1.5);
        o.writeLength(0); // EOF
        o.writeByte(RdbFileReader.OPCODE_SELECTDB);
        o.writeLength(0);
        o.writeByte(RdbFileReader.OPCODE_IDLE);
        o.writeLength(1000);
        o.writeByte(RdbFileReader.OPCODE_FREQ);
        o.writeByte(5);
        o.writeByte(RdbFileReader.OPCODE_EXPIRETIME);
        o.writeLittleEndian(2_000_000_000L, 4);
        o.writeByte(RdbType.STRING);
        o.writeString(bytes("k"));
        o.writeString(bytes("v"));
        byte[] f = trailer(o);
        RdbFileReader r = new RdbFileReader(new ByteArrayInputStream(f), f.length);
        RdbFileReader.Entry e = r.next();
        assertArrayEquals(bytes("k"), e.key());
        assertEquals(2_000_000_000_000L, e.expireAtMs());
        assertNull(r.next());
        assertEquals(List.of("function library", "aux data of module id 1234"), r.skipped());
    }

    @Test
    void rejectsStreamsNamingTheKey() {
        RdbOutput o = header();
        o.writeByte(RdbType.STREAM_LISTPACKS_2);
        o.writeString(bytes("events"));
        o.writeLength(0);
        RdbFormatException e = assertThrows(RdbFormatException.class, () -> readAll(trailer(o)));
        assertTrue(e.getMessage().contains("key \"events\": unsupported RDB object type 19 (a stream)"), e.getMessage());
        assertTrue(e.getMessage().startsWith("RDB entry at byte 9"), e.getMessage());
    }

    @Test
    void rejectsThePreReleaseFunctionFormat() {
        RdbOutput o = header();
        o.writeByte(RdbFileReader.OPCODE_FUNCTION_PRE_GA);
        assertMessage(trailer(o), "pre-release");
    }

    private static RdbOutput header() {
        RdbOutput o = new RdbOutput();
        o.writeBytes(bytes("REDIS0010"));
        return o;
    }

    private static byte[] trailer(RdbOutput o) {
        o.writeByte(RdbFileReader.OPCODE_EOF);
        byte[] body = o.toByteArray();
        o.writeLittleEndian(Crc64.update(0, body, 0, body.length), 8);
        return o.toByteArray();
    }

    private static void assertMessage(byte[] file, String expected) {
        RdbFormatException e = assertThrows(RdbFormatException.class, () -> readAll(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
