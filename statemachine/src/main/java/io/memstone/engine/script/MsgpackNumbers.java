package io.memstone.engine.script;

import java.nio.ByteBuffer;
import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;

/**
 * The number half of the cmsgpack library (cmsgpack.lua has the rest): lua_cmsgpack.c's
 * encodings of a Lua number (an integer in int64 range as the smallest int/uint type, else a
 * float 32 when exact, else a float 64) and its decodings of numeric types, which need the
 * bit-level casts Lua 5.1 lacks.
 */
final class MsgpackNumbers {
    private MsgpackNumbers() {}

    /** Pushes {encode = f(n) -> bytes, decode = f(type, bytes) -> n}. */
    static void push(Lua lua, LuaBytes bytes) {
        lua.createTable(0, 2);
        lua.push((JFunction) l -> {
            bytes.push(l, encode(l.toNumber(1)));
            return 1;
        });
        lua.setField(-2, "encode");
        lua.push((JFunction) l -> {
            l.push(decode((int) l.toNumber(1), LuaBytes.bytes(l, 2)));
            return 1;
        });
        lua.setField(-2, "decode");
    }

    static byte[] encode(double n) {
        long i = (long) n;
        // IS_INT64_EQUIVALENT: -0.0 counts as 0; 2^63 and beyond do not fit.
        if (n >= -0x1p63 && n < 0x1p63 && (double) i == n) return encodeInt(i);
        if ((double) (float) n == n) {
            return ByteBuffer.allocate(5).put((byte) 0xca).putFloat((float) n).array();
        }
        return ByteBuffer.allocate(9).put((byte) 0xcb).putDouble(n).array();
    }

    private static byte[] encodeInt(long n) {
        if (n >= 0) {
            if (n <= 127) return new byte[] {(byte) n};
            if (n <= 0xff) return new byte[] {(byte) 0xcc, (byte) n};
            if (n <= 0xffff) return ByteBuffer.allocate(3).put((byte) 0xcd).putShort((short) n).array();
            if (n <= 0xffffffffL) return ByteBuffer.allocate(5).put((byte) 0xce).putInt((int) n).array();
            return ByteBuffer.allocate(9).put((byte) 0xcf).putLong(n).array();
        }
        if (n >= -32) return new byte[] {(byte) n};
        if (n >= -128) return new byte[] {(byte) 0xd0, (byte) n};
        if (n >= -32768) return ByteBuffer.allocate(3).put((byte) 0xd1).putShort((short) n).array();
        if (n >= Integer.MIN_VALUE) return ByteBuffer.allocate(5).put((byte) 0xd2).putInt((int) n).array();
        return ByteBuffer.allocate(9).put((byte) 0xd3).putLong(n).array();
    }

    /** The number a numeric type byte and its big-endian payload stand for. */
    static double decode(int type, byte[] b) {
        ByteBuffer in = ByteBuffer.wrap(b);
        switch (type) {
            case 0xcc: return in.get() & 0xff;
            case 0xcd: return in.getShort() & 0xffff;
            case 0xce: return in.getInt() & 0xffffffffL;
            case 0xcf: return in.getLong(); // lua_cmsgpack.c reads uint 64 as a signed int64
            case 0xd0: return in.get();
            case 0xd1: return in.getShort();
            case 0xd2: return in.getInt();
            case 0xd3: return in.getLong();
            case 0xca: return in.getFloat();
            case 0xcb: return in.getDouble();
            default: throw new IllegalArgumentException("not a numeric msgpack type " + type);
        }
    }
}
