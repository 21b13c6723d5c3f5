package io.memstone.engine;

import io.memstone.rdb.Crc64;
import io.memstone.rdb.DumpPayload;
import io.memstone.rdb.RdbOutput;
import io.memstone.rdb.RdbType;
import io.memstone.rdb.RdbValue;
import io.memstone.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DUMP and RESTORE edge cases, every reply compared byte for byte with redis-server: option,
 * TTL and payload errors in Redis' order, payloads redis-server made, corrupt payloads (which
 * must store nothing and leave an existing key alone).
 */
class DumpEdgeCasesMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    @BeforeEach
    void reset() {
        diff.reset();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A command whose arguments are strings, except byte[] ones passed as they are. */
    private static byte[][] argv(Object... args) {
        byte[][] out = new byte[args.length][];
        for (int i = 0; i < args.length; i++) out[i] = args[i] instanceof byte[] x ? x : b((String) args[i]);
        return out;
    }

    private static byte[] redisDump(String key) {
        byte[] reply = diff.redisOnly(RawRespClient.toBytes("dump", key));
        int crlf = new String(reply, StandardCharsets.ISO_8859_1).indexOf("\r\n");
        return Arrays.copyOfRange(reply, crlf + 2, reply.length - 2);
    }

    private static final byte[] STRING_PAYLOAD = DumpPayload.create(new RdbValue.RdbString(b("restored")));

    @Test
    void arityAndMissingKeys() {
        for (String line : List.of("dump", "dump a b", "restore k 0", "restore k", "dump missing")) diff.check(line);
    }

    @Test
    void dumpOfSmallValuesIsRedisBytes() {
        for (String line : List.of("set s hello", "set i 12345", "set n -1", "set m 9223372036854775807", "set e \"\"",
                "set bin \"a\\0b\\r\\n\"", "rpush l a b 1", "rpush one -70000", "dump s", "dump i", "dump n", "dump m",
                "dump e", "dump bin", "dump l", "dump one", "set t v px 100000", "dump t")) {
            diff.check(line);
        }
    }

    @Test
    void redisPayloadsRestoreAsInRedis() {
        List<String> setup = new ArrayList<>(List.of("set short hello", "set int 123456789", "set big 9223372036854775807",
                "set long " + "abc".repeat(400), "rpush small a b 1 -5 70000"));
        StringBuilder many = new StringBuilder("rpush many");
        for (int i = 0; i < 3000; i++) many.append(' ').append(i % 7 == 0 ? "x".repeat(i % 300) + i : Integer.toString(i * 31 - 9000));
        setup.add(many.toString());
        for (String line : setup) diff.check(line);
        for (String key : List.of("short", "int", "big", "long", "small", "many")) {
            byte[] payload = redisDump(key);
            diff.check(argv("restore", "copy", "0", payload));
            diff.check(argv("restore", "copy", "0", payload));
            diff.check("type copy");
            diff.check("get copy");
            diff.check("lrange copy 0 -1");
            diff.check(argv("restore", "copy", "100000", payload, "replace"));
            diff.check("pttl copy");
            diff.check(argv("restore", key, "0", payload, "REPLACE", "absttl"));
            diff.check("ttl " + key);
            diff.check("del copy");
        }
    }

    @Test
    void optionsAreParsedAndValidatedFirst() {
        String[][] tails = {{}, {"replace"}, {"REPLACE", "absttl"}, {"foo"}, {"idletime"}, {"idletime", "-1"},
                {"idletime", "abc"}, {"idletime", "10"}, {"IdleTime", "0"}, {"freq"}, {"freq", "256"}, {"freq", "-1"},
                {"freq", "255"}, {"freq", "0"}, {"freq", "1.5"}, {"idletime", "5", "freq", "5"},
                {"freq", "5", "idletime", "5"}, {"replace", "replace"}, {"idletime", "1", "idletime", "2"},
                {"freq", "1", "freq", "2"}, {"replace", "foo"}, {"absttl", "idletime"}, {"replace\0x"}};
        for (String[] tail : tails) {
            List<Object> args = new ArrayList<>(List.of("restore", "k", "0", STRING_PAYLOAD));
            args.addAll(Arrays.asList(tail));
            diff.check(argv(args.toArray()));
            diff.check("get k");
            diff.check("del k");
        }
    }

    @Test
    void checksInRedisOrderBusyKeyThenTtlThenPayload() {
        diff.check("set k v");
        diff.check(argv("restore", "k", "0", STRING_PAYLOAD, "foo"));
        diff.check(argv("restore", "k", "0", STRING_PAYLOAD));
        diff.check(argv("restore", "k", "-1", b("junk")));
        diff.check(argv("restore", "k", "-1", b("junk"), "replace"));
        diff.check(argv("restore", "k", "abc", b("junk"), "replace"));
        diff.check(argv("restore", "k", "0", b("junk"), "replace"));
        diff.check("get k");
        diff.check(argv("restore", "n", "-1", STRING_PAYLOAD));
        diff.check(argv("restore", "n", "9223372036854775808", STRING_PAYLOAD));
        diff.check(argv("restore", "n", "abc", b("junk")));
        diff.check("exists n");
        diff.listAt("l");
        diff.check(argv("restore", "l", "0", STRING_PAYLOAD));
        diff.check(argv("restore", "l", "0", STRING_PAYLOAD, "replace"));
        diff.check("type l");
        diff.check("get l");
    }

    @Test
    void ttlsRelativeAbsoluteAndPast() {
        diff.check(argv("restore", "a", "0", STRING_PAYLOAD));
        diff.check("ttl a");
        diff.check(argv("restore", "b", "100000", STRING_PAYLOAD));
        diff.check("pttl b");
        diff.check(argv("restore", "c", "1", STRING_PAYLOAD, "absttl"));
        diff.check("exists c");
        diff.check(argv("restore", "d", "99999999999999", STRING_PAYLOAD, "absttl"));
        diff.check("ttl d");
        diff.check(argv("restore", "e", "9223372036854775807", STRING_PAYLOAD));
        diff.check("exists e");
        diff.check("set f v ex 1000");
        diff.check(argv("restore", "f", "1", STRING_PAYLOAD, "absttl", "replace"));
        diff.check("exists f");
        diff.check("set g v ex 1000");
        diff.check(argv("restore", "g", "0", STRING_PAYLOAD, "replace"));
        diff.check("ttl g");
        diff.check("get g");
    }

    private static byte[] framed(byte[] object, int version) {
        RdbOutput out = new RdbOutput();
        out.writeBytes(object);
        out.writeLittleEndian(version, 2);
        byte[] body = out.toByteArray();
        out.writeLittleEndian(Crc64.update(0, body, 0, body.length), 8);
        return out.toByteArray();
    }

    private static byte[] object(Consumer<RdbOutput> write) {
        RdbOutput out = new RdbOutput();
        write.accept(out);
        return out.toByteArray();
    }

    @Test
    void corruptPayloadsStoreNothingAndLeaveTheKeyAlone() {
        byte[] valid = STRING_PAYLOAD;
        byte[] object = Arrays.copyOf(valid, valid.length - 10);
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        bad.add(b("x"));
        bad.add(Arrays.copyOf(valid, 9));
        bad.add(Arrays.copyOf(valid, valid.length - 1));
        bad.add(Arrays.copyOfRange(valid, 1, valid.length));
        for (int i = 0; i < valid.length; i += 3) {
            byte[] flipped = valid.clone();
            flipped[i] ^= 0x20;
            bad.add(flipped);
        }
        bad.add(framed(object, 11));
        bad.add(framed(object, 0xff00 + 10));
        bad.add(framed(Arrays.copyOf(object, object.length - 1), 10));
        bad.add(framed(new byte[0], 10));
        bad.add(framed(new byte[] {21, 1, 'a'}, 10));
        bad.add(framed(new byte[] {(byte) RdbType.LIST, 0}, 10));
        bad.add(framed(new byte[] {(byte) RdbType.LIST, 3, 1, 'a'}, 10));
        bad.add(framed(new byte[] {(byte) RdbType.STRING, (byte) 0xc4}, 10));
        bad.add(framed(object(o -> {
            o.writeByte(RdbType.STRING);
            o.writeLength(1L << 40);
            o.writeBytes(b("abc"));
        }), 10));
        bad.add(framed(object(o -> {
            o.writeByte(RdbType.LIST);
            o.writeLength(1L << 40);
            o.writeString(b("abc"));
        }), 10));
        bad.add(framed(object(o -> {
            o.writeByte(RdbType.SET);
            o.writeLength(2);
            o.writeString(b("a"));
            o.writeString(b("a"));
        }), 10));
        bad.add(framed(object(o -> {
            o.writeByte(RdbType.ZSET_2);
            o.writeLength(1);
            o.writeString(b("a"));
            o.writeBinaryDouble(Double.NaN);
        }), 10));
        diff.check("set kept v");
        for (byte[] payload : bad) {
            diff.check(argv("restore", "k", "0", payload));
            diff.check("exists k");
            diff.check(argv("restore", "kept", "0", payload, "replace"));
            diff.check("get kept");
        }
    }

    @Test
    void olderRdbVersionsAndTrailingBytesAreAccepted() {
        byte[] object = Arrays.copyOf(STRING_PAYLOAD, STRING_PAYLOAD.length - 10);
        for (int version : new int[] {0, 1, 6, 9, 10}) {
            diff.check(argv("restore", "k" + version, "0", framed(object, version)));
            diff.check("get k" + version);
        }
        byte[] trailing = Arrays.copyOf(object, object.length + 3);
        diff.check(argv("restore", "t", "0", framed(trailing, 10)));
        diff.check("get t");
    }
}
