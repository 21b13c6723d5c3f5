package io.memstone.engine.script;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToIntFunction;
import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;

/**
 * The {@code struct} library Redis bundles (Roberto Ierusalimschy's lua_struct.c): pack, unpack
 * and size of binary records on a 64-bit little-endian machine (short 2, int 4, long and size_t
 * 8 bytes, '!' aligning to at most 8), with its error messages.
 */
final class StructLibrary {
    private static final int MAX_INT_SIZE = 32;
    private static final int MAX_ALIGN = 8;

    /** A refused call: the message, raised at the script's line. */
    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }

        static Failure arg(int n, String function, String message) {
            return new Failure("bad argument #" + n + " to '" + function + "' (" + message + ")");
        }
    }

    /** The format being read, with its current byte order and alignment. */
    private static final class Format {
        final byte[] fmt;
        final String function;
        int at;
        boolean little = true;
        int align = 1;

        Format(byte[] fmt, String function) {
            this.fmt = fmt;
            this.function = function;
        }

        boolean more() {
            return at < fmt.length && fmt[at] != 0;
        }

        /** getnum: the digits at the cursor, or {@code otherwise}. */
        int number(int otherwise) {
            if (!more() || !Character.isDigit(fmt[at])) return otherwise;
            long a = 0;
            while (more() && Character.isDigit(fmt[at])) {
                a = a * 10 + (fmt[at++] - '0');
                if (a > Integer.MAX_VALUE) throw new Failure("integral size overflow");
            }
            return (int) a;
        }

        /** optsize: bytes an option takes; 0 for those that take none or vary. */
        int size(char opt) {
            switch (opt) {
                case 'B': case 'b': case 'x': return 1;
                case 'H': case 'h': return 2;
                case 'L': case 'l': case 'T': case 'd': return 8;
                case 'f': return 4;
                case 'c': return number(1);
                case 'i': case 'I': {
                    int size = number(4);
                    if (size > MAX_INT_SIZE) throw new Failure("integral size " + size + " is larger than limit of " + MAX_INT_SIZE);
                    return size;
                }
                default: return 0;
            }
        }

        /** gettoalign: padding before an option of {@code size} bytes at offset {@code len}. */
        int padding(long len, char opt, int size) {
            if (size == 0 || opt == 'c') return 0;
            int a = Math.min(size, align);
            return (int) ((a - (len & (a - 1))) & (a - 1));
        }

        /** controloptions: byte order, alignment, spaces; anything else is an invalid option. */
        void control(char opt) {
            switch (opt) {
                case ' ': return;
                case '>': little = false; return;
                case '<': little = true; return;
                case '!': {
                    int a = number(MAX_ALIGN);
                    if (a == 0 || (a & (a - 1)) != 0) throw new Failure("alignment " + a + " is not a power of 2");
                    align = a;
                    return;
                }
                default: throw Failure.arg(1, function, "invalid format option '" + opt + "'");
            }
        }
    }

    private StructLibrary() {}

    /** Pushes the library as a table; {@code raise} raises the message at the top of the stack. */
    static void push(Lua lua, LuaBytes bytes, ToIntFunction<Lua> raise) {
        lua.createTable(0, 3);
        define(lua, raise, "pack", l -> pack(l, bytes));
        define(lua, raise, "unpack", l -> unpack(l, bytes));
        define(lua, raise, "size", StructLibrary::size);
    }

    private static void define(Lua lua, ToIntFunction<Lua> raise, String name, ToIntFunction<Lua> f) {
        lua.push((JFunction) l -> {
            try {
                return f.applyAsInt(l);
            } catch (Failure e) {
                l.setTop(0);
                l.push(e.getMessage());
                return raise.applyAsInt(l);
            }
        });
        lua.setField(-2, name);
    }

    private static int pack(Lua l, LuaBytes bytes) {
        Format f = new Format(string(l, 1, "pack"), "pack");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int arg = 2;
        while (f.more()) {
            char opt = (char) f.fmt[f.at++];
            int size = f.size(opt);
            for (int pad = f.padding(out.size(), opt, size); pad > 0; pad--) out.write(0);
            switch (opt) {
                case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I': {
                    double n = number(l, arg++, "pack");
                    long value = n < 0 ? (long) n : unsigned(n);
                    writeInteger(out, value, size, f.little);
                    break;
                }
                case 'x': out.write(0); break;
                case 'f': writeInteger(out, Float.floatToRawIntBits((float) number(l, arg++, "pack")), 4, f.little); break;
                case 'd': writeInteger(out, Double.doubleToRawLongBits(number(l, arg++, "pack")), 8, f.little); break;
                case 'c': case 's': {
                    byte[] s = string(l, arg++, "pack");
                    int n = size == 0 ? s.length : size;
                    if (s.length < n) throw Failure.arg(arg, "pack", "string too short");
                    out.write(s, 0, n);
                    if (opt == 's') out.write(0);
                    break;
                }
                default: f.control(opt);
            }
        }
        bytes.push(l, out.toByteArray());
        return 1;
    }

    private static int unpack(Lua l, LuaBytes bytes) {
        Format f = new Format(string(l, 1, "unpack"), "unpack");
        byte[] data = string(l, 2, "unpack");
        long pos = 1;
        if (!l.isNoneOrNil(3)) pos = (long) number(l, 3, "unpack");
        if (pos <= 0) throw Failure.arg(3, "unpack", "offset must be 1 or greater");
        pos--;
        int base = l.getTop();
        int results = 0;
        while (f.more()) {
            char opt = (char) f.fmt[f.at++];
            long size = f.size(opt);
            pos += f.padding(pos, opt, (int) size);
            if (size > data.length || pos > data.length - size) throw Failure.arg(2, "unpack", "data string too short");
            switch (opt) {
                case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I': {
                    l.push(readInteger(data, (int) pos, (int) size, f.little, Character.isLowerCase(opt)));
                    results++;
                    break;
                }
                case 'x': break;
                case 'f': l.push((double) Float.intBitsToFloat((int) bits(data, (int) pos, 4, f.little))); results++; break;
                case 'd': l.push(Double.longBitsToDouble(bits(data, (int) pos, 8, f.little))); results++; break;
                case 'c': {
                    if (size == 0) {
                        if (results == 0 || !l.isNumber(-1)) throw new Failure("format 'c0' needs a previous size");
                        size = (long) l.toNumber(-1);
                        l.pop(1);
                        results--;
                        if (size > data.length || pos > data.length - size) throw Failure.arg(2, "unpack", "data string too short");
                    }
                    bytes.push(l, Arrays.copyOfRange(data, (int) pos, (int) (pos + size)));
                    results++;
                    break;
                }
                case 's': {
                    int end = (int) pos;
                    while (end < data.length && data[end] != 0) end++;
                    if (end == data.length) throw new Failure("unfinished string in data");
                    bytes.push(l, Arrays.copyOfRange(data, (int) pos, end));
                    size = end - pos + 1;
                    results++;
                    break;
                }
                default: f.control(opt);
            }
            pos += size;
        }
        l.push((double) (pos + 1));
        return l.getTop() - base;
    }

    private static int size(Lua l) {
        Format f = new Format(string(l, 1, "size"), "size");
        long pos = 0;
        while (f.more()) {
            char opt = (char) f.fmt[f.at++];
            int size = f.size(opt);
            pos += f.padding(pos, opt, size);
            if (opt == 's') throw Failure.arg(1, "size", "option 's' has no fixed size");
            if (opt == 'c' && size == 0) throw Failure.arg(1, "size", "option 'c0' has no fixed size");
            // size reads byte order and alignment, and skips any other option (lua_struct.c's b_size).
            if (size == 0 && "!<> ".indexOf(opt) >= 0) f.control(opt);
            pos += size;
        }
        l.push((double) pos);
        return 1;
    }

    /** A double cast to an unsigned 64-bit integer as C does for values in range. */
    private static long unsigned(double n) {
        return n >= 0x1p63 ? (long) (n - 0x1p63) ^ Long.MIN_VALUE : (long) n;
    }

    private static void writeInteger(ByteArrayOutputStream out, long value, int size, boolean little) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[little ? i : size - 1 - i] = (byte) (i < 8 ? value >>> (8 * i) : 0);
        }
        out.write(b, 0, size);
    }

    private static long bits(byte[] data, int at, int size, boolean little) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            int b = data[at + (little ? size - 1 - i : i)] & 0xff;
            v = (v << 8) | b;
        }
        return v;
    }

    /** getinteger: the bytes as a (sign-extended) 64-bit integer, as a Lua number. */
    private static double readInteger(byte[] data, int at, int size, boolean little, boolean signed) {
        long v = bits(data, at, size, little);
        if (signed && size < 8 && size > 0 && (v & (1L << (size * 8 - 1))) != 0) v |= -1L << (size * 8 - 1);
        if (!signed && v < 0) return (double) (v >>> 1) * 2 + (v & 1);
        return (double) v;
    }

    private static double number(Lua l, int index, String function) {
        if (!l.isNumber(index)) throw Failure.arg(index, function, "number expected, got " + typeName(l, index, function));
        return l.toNumber(index);
    }

    private static byte[] string(Lua l, int index, String function) {
        if (!l.isString(index)) throw Failure.arg(index, function, "string expected, got " + typeName(l, index, function));
        return LuaBytes.bytes(l, index);
    }

    /** pack pushes a nil after its arguments (lua_struct.c's marker), so a missing one reads as nil. */
    private static String typeName(Lua l, int index, String function) {
        if (l.isNone(index)) return function.equals("pack") && index > 1 && index == l.getTop() + 1 ? "nil" : "no value";
        return l.type(index).toString().toLowerCase(Locale.ROOT);
    }
}
