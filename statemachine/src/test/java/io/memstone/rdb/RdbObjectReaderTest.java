package io.memstone.rdb;

import static io.memstone.rdb.PackedBuilders.blobObject;
import static io.memstone.rdb.PackedBuilders.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Malformed objects: each must fail with {@link RdbFormatException}, never anything else. */
class RdbObjectReaderTest {
    private static byte[] object(Consumer<RdbOutput> write) {
        RdbOutput out = new RdbOutput();
        write.accept(out);
        return out.toByteArray();
    }

    private static RdbValue read(byte[] typedObject) {
        return RdbObjectReader.readTyped(new RdbInput(typedObject, 0, typedObject.length));
    }

    private static void assertBad(byte[] typedObject, String what) {
        assertThrows(RdbFormatException.class, () -> read(typedObject), what);
    }

    @Test
    void rejectsTypesItCannotHold() {
        for (int type : new int[] {RdbType.MODULE, RdbType.MODULE_2, 8, RdbType.STREAM_LISTPACKS,
                RdbType.STREAM_LISTPACKS_2, 21, 255}) {
            assertBad(new byte[] {(byte) type, 0, 0, 0}, "type " + type);
        }
    }

    @Test
    void rejectsEmptyCollectionsAsRedisDoes() {
        for (int type : new int[] {RdbType.LIST, RdbType.SET, RdbType.HASH, RdbType.ZSET, RdbType.ZSET_2,
                RdbType.LIST_QUICKLIST, RdbType.LIST_QUICKLIST_2}) {
            assertBad(new byte[] {(byte) type, 0}, "empty of type " + type);
        }
        assertBad(blobObject(RdbType.LIST_ZIPLIST, PackedBuilders.ziplist(List.of())), "empty ziplist");
        assertBad(blobObject(RdbType.HASH_LISTPACK, Listpack.encode(List.of())), "empty listpack hash");
        assertBad(blobObject(RdbType.ZSET_LISTPACK, Listpack.encode(List.of())), "empty listpack zset");
        assertBad(object(o -> {
            o.writeByte(RdbType.LIST_QUICKLIST);
            o.writeLength(2);
            o.writeString(PackedBuilders.ziplist(List.of()));
            o.writeString(PackedBuilders.ziplist(List.of()));
        }), "quicklist of empty nodes");
    }

    @Test
    void rejectsDuplicatesAndNaN() {
        assertBad(object(o -> {
            o.writeByte(RdbType.SET);
            o.writeLength(2);
            o.writeString(bytes("a"));
            o.writeString(bytes("a"));
        }), "duplicate set member");
        assertBad(blobObject(RdbType.HASH_LISTPACK, Listpack.encode(List.of(bytes("f"), bytes("1"), bytes("f"), bytes("2")))),
                "duplicate hash field");
        assertBad(blobObject(RdbType.ZSET_ZIPLIST, PackedBuilders.ziplist(List.of(bytes("m"), bytes("1"), bytes("m"), bytes("2")))),
                "duplicate zset member");
        assertBad(blobObject(RdbType.HASH_ZIPLIST, PackedBuilders.ziplist(List.of(bytes("f"), bytes("1"), bytes("g")))),
                "field without value");
        assertBad(object(o -> {
            o.writeByte(RdbType.ZSET_2);
            o.writeLength(1);
            o.writeString(bytes("m"));
            o.writeBinaryDouble(Double.NaN);
        }), "NaN score");
        assertBad(object(o -> {
            o.writeByte(RdbType.ZSET);
            o.writeLength(1);
            o.writeString(bytes("m"));
            o.writeByte(253);
        }), "NaN text score");
        assertBad(blobObject(RdbType.ZSET_LISTPACK, Listpack.encode(List.of(bytes("m"), bytes("abc")))), "score not a number");
    }

    @Test
    void rejectsLengthsBeyondTheData() {
        assertBad(object(o -> {
            o.writeByte(RdbType.STRING);
            o.writeLength(1L << 62);
        }), "huge string");
        assertBad(object(o -> {
            o.writeByte(RdbType.LIST);
            o.writeLength(1L << 40);
            o.writeString(bytes("a"));
        }), "huge count");
        assertBad(object(o -> {
            o.writeByte(RdbType.STRING);
            o.writeByte(0xc3);
            o.writeLength(2);
            o.writeLength(1L << 31);
            o.writeBytes(new byte[] {0, 'a'});
        }), "LZF claiming a huge output");
        assertBad(new byte[] {RdbType.STRING, (byte) 0x82, 0, 0}, "unknown length encoding");
        assertBad(new byte[] {RdbType.STRING, (byte) 0xc4}, "unknown string encoding");
        assertBad(new byte[] {RdbType.STRING, (byte) 0x81, (byte) 0xff, 0, 0, 0, 0, 0, 0, 0}, "negative 64-bit length");
        assertBad(new byte[] {RdbType.LIST, (byte) 0xc0, 1}, "an encoded value as a count");
    }

    @Test
    void rejectsBadQuicklistNodes() {
        assertBad(object(o -> {
            o.writeByte(RdbType.LIST_QUICKLIST_2);
            o.writeLength(1);
            o.writeLength(3);
            o.writeString(bytes("x"));
        }), "unknown container");
        assertBad(object(o -> {
            o.writeByte(RdbType.LIST_QUICKLIST_2);
            o.writeLength(1);
            o.writeLength(1);
            o.writeString(new byte[0]);
        }), "empty plain node");
        assertBad(object(o -> {
            o.writeByte(RdbType.LIST_QUICKLIST_2);
            o.writeLength(1);
            o.writeLength(2);
            o.writeString(PackedBuilders.ziplist(List.of(bytes("a"))));
        }), "a ziplist where a listpack belongs");
    }

    @Test
    void readsTheSevenTwoSetListpack() {
        RdbValue v = read(blobObject(RdbType.SET_LISTPACK, Listpack.encode(List.of(bytes("a"), bytes("7")))));
        assertEquals(2, ((RdbValue.RdbSet) v).members().size());
    }

    /** Every truncation and many random corruptions of valid objects: a value or a format error. */
    @Test
    void corruptionNeverEscapesAsAnotherException() {
        Random r = new Random(11);
        List<byte[]> valid = new ArrayList<>();
        List<byte[]> elements = new ArrayList<>();
        for (int i = 0; i < 60; i++) elements.add(bytes(i % 3 == 0 ? Integer.toString(i * 1000 - 7) : "el" + i + "-".repeat(i)));
        for (RdbValue v : List.of(new RdbValue.RdbString(bytes("abcabcabc".repeat(30))), new RdbValue.RdbString(bytes("-12345")),
                new RdbValue.RdbList(elements), new RdbValue.RdbSet(elements),
                new RdbValue.RdbHash(List.of(new RdbValue.FieldValue(bytes("f"), bytes("v")),
                        new RdbValue.FieldValue(bytes("g"), bytes("12")))),
                new RdbValue.RdbZSet(List.of(new RdbValue.ScoredMember(bytes("m"), 1.5),
                        new RdbValue.ScoredMember(bytes("n"), Double.NEGATIVE_INFINITY))))) {
            RdbOutput out = new RdbOutput();
            RdbObjectWriter.write(v, out);
            valid.add(out.toByteArray());
        }
        valid.add(blobObject(RdbType.LIST_ZIPLIST, PackedBuilders.ziplist(elements)));
        valid.add(blobObject(RdbType.HASH_ZIPLIST, PackedBuilders.ziplist(elements.subList(0, 20))));
        valid.add(blobObject(RdbType.ZSET_LISTPACK, Listpack.encode(List.of(bytes("a"), bytes("1.5"), bytes("b"), bytes("2")))));
        valid.add(blobObject(RdbType.SET_INTSET, PackedBuilders.intset(4, -70000, 1, 2, 70000)));
        valid.add(blobObject(RdbType.HASH_ZIPMAP, PackedBuilders.zipmap(elements.subList(0, 10), 1)));
        for (byte[] object : valid) {
            read(object);
            for (int n = 0; n < object.length; n++) assertBad(Arrays.copyOf(object, n), "truncated to " + n);
            for (int n = 0; n < 2000; n++) {
                byte[] bad = object.clone();
                for (int flips = 1 + r.nextInt(3); flips > 0; flips--) bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
                try {
                    assertTrue(read(bad) != null);
                } catch (RdbFormatException expected) {
                    // rejected cleanly
                }
            }
        }
    }
}
