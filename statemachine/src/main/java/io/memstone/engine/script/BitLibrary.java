package io.memstone.engine.script;

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;
import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;

/**
 * The {@code bit} library Redis bundles (LuaBitOp 1.0.2): 32-bit operations on Lua numbers,
 * whose arguments wrap modulo 2^32 as LuaBitOp's {@code barg} makes them, and whose results are
 * signed 32-bit numbers.
 */
final class BitLibrary {
    private BitLibrary() {}

    /** Pushes the library as a table; {@code raise} raises the message at the top of the stack. */
    static void push(Lua lua, ToIntFunction<Lua> raise) {
        lua.createTable(0, 12);
        unary(lua, raise, "tobit", x -> x);
        unary(lua, raise, "bnot", x -> ~x);
        unary(lua, raise, "bswap", Integer::reverseBytes);
        folding(lua, raise, "band", (a, b) -> a & b);
        folding(lua, raise, "bor", (a, b) -> a | b);
        folding(lua, raise, "bxor", (a, b) -> a ^ b);
        shift(lua, raise, "lshift", (x, n) -> x << n);
        shift(lua, raise, "rshift", (x, n) -> x >>> n);
        shift(lua, raise, "arshift", (x, n) -> x >> n);
        shift(lua, raise, "rol", Integer::rotateLeft);
        shift(lua, raise, "ror", Integer::rotateRight);
        lua.push((JFunction) l -> tohex(l, raise));
        lua.setField(-2, "tohex");
    }

    /** An operation's result, or null after pushing the error message. */
    private interface Operation {
        Integer apply(Lua l);
    }

    private static void define(Lua lua, ToIntFunction<Lua> raise, String name, Operation op) {
        lua.push((JFunction) l -> {
            Integer result = op.apply(l);
            if (result == null) return raise.applyAsInt(l);
            l.push((double) result);
            return 1;
        });
        lua.setField(-2, name);
    }

    private static void unary(Lua lua, ToIntFunction<Lua> raise, String name, IntUnaryOperator op) {
        define(lua, raise, name, l -> {
            Integer x = arg(l, 1, name);
            return x == null ? null : op.applyAsInt(x);
        });
    }

    /** band, bor, bxor: any number of arguments, at least one. */
    private static void folding(Lua lua, ToIntFunction<Lua> raise, String name, IntBinaryOperator op) {
        define(lua, raise, name, l -> {
            Integer acc = arg(l, 1, name);
            for (int i = 2; acc != null && i <= l.getTop(); i++) {
                Integer x = arg(l, i, name);
                acc = x == null ? null : op.applyAsInt(acc, x);
            }
            return acc;
        });
    }

    /** Shifts and rotations use the low 5 bits of the count, as LuaBitOp does. */
    private static void shift(Lua lua, ToIntFunction<Lua> raise, String name, IntBinaryOperator op) {
        define(lua, raise, name, l -> {
            Integer x = arg(l, 1, name);
            Integer n = x == null ? null : arg(l, 2, name);
            return n == null ? null : op.applyAsInt(x, n & 31);
        });
    }

    /** tohex(x [, n]): n hex digits (default 8), upper-case when n is negative. */
    private static int tohex(Lua l, ToIntFunction<Lua> raise) {
        Integer x = arg(l, 1, "tohex");
        if (x == null) return raise.applyAsInt(l);
        int n = 8;
        if (!l.isNoneOrNil(2)) {
            Integer given = arg(l, 2, "tohex");
            if (given == null) return raise.applyAsInt(l);
            n = given;
        }
        String digits = n < 0 ? "0123456789ABCDEF" : "0123456789abcdef";
        n = Math.min(Math.abs(n), 8);
        char[] out = new char[n];
        long bits = x & 0xffffffffL;
        for (int i = n - 1; i >= 0; i--, bits >>= 4) out[i] = digits.charAt((int) (bits & 15));
        l.push(new String(out));
        return 1;
    }

    /**
     * LuaBitOp's barg: the number plus 2^52+2^51, whose low 32 bits are the argument modulo
     * 2^32. Null after pushing luaL_typerror's message, for the caller to raise.
     */
    private static Integer arg(Lua l, int index, String function) {
        if (!l.isNumber(index)) {
            String got = l.isNone(index) ? "no value" : l.type(index).toString().toLowerCase(java.util.Locale.ROOT);
            l.push("bad argument #" + index + " to '" + function + "' (number expected, got " + got + ")");
            return null;
        }
        return (int) Double.doubleToRawLongBits(l.toNumber(index) + 6755399441055744.0);
    }
}
