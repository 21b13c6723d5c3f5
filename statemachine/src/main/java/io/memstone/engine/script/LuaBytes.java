package io.memstone.engine.script;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import party.iroiro.luajava.Lua;

/**
 * Pushes byte strings onto a Lua stack. The JNI binding only pushes Java Strings, which it
 * converts to modified UTF-8: fine for plain ASCII, wrong for other bytes and NUL. Any other
 * string is pushed by loading a one-constant binary chunk ({@code return "<bytes>"}) made from
 * a template this Lua build dumped itself, with the constant's bytes and length swapped in.
 */
final class LuaBytes {
    private static final byte[] MARKER = "\u0001memstone-string-constant\u0001".getBytes(StandardCharsets.ISO_8859_1);
    /** Lua 5.1 writes a string constant as size_t length (including a trailing NUL), bytes, NUL. */
    private static final int SIZE_T = 8;

    private final byte[] head;
    private final byte[] tail;

    private LuaBytes(byte[] head, byte[] tail) {
        this.head = head;
        this.tail = tail;
    }

    /** Dumps the template chunk in {@code lua}; the layout is the same for every state of this build. */
    static LuaBytes template(Lua lua) {
        byte[] source = ("return \"" + new String(MARKER, StandardCharsets.ISO_8859_1) + "\"").getBytes(StandardCharsets.ISO_8859_1);
        lua.load(ByteBuffer.allocateDirect(source.length).put(source).flip(), "=bytes");
        ByteBuffer dumped = lua.dump();
        lua.pop(1);
        byte[] chunk = new byte[dumped.remaining()];
        dumped.get(chunk);
        int at = indexOf(chunk, MARKER);
        if (at < SIZE_T) throw new IllegalStateException("unexpected Lua chunk layout");
        byte[] head = java.util.Arrays.copyOf(chunk, at - SIZE_T);
        byte[] tail = java.util.Arrays.copyOfRange(chunk, at + MARKER.length + 1, chunk.length);
        return new LuaBytes(head, tail);
    }

    void push(Lua lua, byte[] bytes) {
        if (isPlainAscii(bytes)) {
            lua.push(new String(bytes, StandardCharsets.US_ASCII));
            return;
        }
        ByteBuffer chunk = ByteBuffer.allocateDirect(head.length + SIZE_T + bytes.length + 1 + tail.length)
                .order(java.nio.ByteOrder.nativeOrder());
        chunk.put(head).putLong(bytes.length + 1L).put(bytes).put((byte) 0).put(tail).flip();
        lua.load(chunk, "=bytes");
        lua.pCall(0, 1);
    }

    /** The bytes of the string (or number) at {@code index}. */
    static byte[] bytes(Lua lua, int index) {
        ByteBuffer b = lua.toBuffer(index);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static boolean isPlainAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0) return false;
        }
        return true;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
