package io.memstone.engine;

import static io.memstone.engine.EdgeCaseScripts.script;

import io.memstone.engine.EdgeCaseScripts.Script;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The struct and cmsgpack libraries scripts see, against redis-server, every reply
 * byte-identical: round trips, integers of every size and sign, floats, strings, nested
 * tables, and the errors of bad formats and arguments.
 */
class ScriptLibrariesMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    private static String eval(String lua) {
        return "eval \"" + lua + "\" 0";
    }

    private static final List<Script> SCRIPTS = List.of(
            script("struct.pack and size: integers, floats, strings, byte order, alignment",
                    eval("return struct.pack('>I2', 258)"), eval("return struct.pack('<i4 >i4', -2, -2)"),
                    eval("return struct.pack('bBhHlLT', -1, 255, -300, 65535, -5, 2^53, 7)"),
                    eval("return struct.pack('i3 I16', -1, 1)"), eval("return struct.pack('f d', 1.5, -0.1)"),
                    eval("return struct.pack('>f >d', 1/3, 1e300)"), eval("return struct.pack('s c3 c0', 'ab', 'xyz', 'whole')"),
                    eval("return struct.pack('!4 b i b d', 1, 2, 3, 4)"), eval("return struct.pack('! b d', 1, 2)"),
                    eval("return struct.pack('x b  x', 9)"), eval("return struct.pack('B', 256 + 7)"),
                    eval("return struct.pack('I', '12')"), eval("return struct.size('!4 b i')"),
                    eval("return struct.size('bhilTfdxc5')"), eval("return struct.size('>i16 <I2')"), eval("return struct.size('')")),
            script("struct.unpack: values and the next position",
                    eval("return {struct.unpack('>I2', struct.pack('>I2', 258))}"),
                    eval("return {struct.unpack('bBhH', struct.pack('bBhH', -1, 255, -300, 65535))}"),
                    eval("return {struct.unpack('i3', struct.pack('i3', -5))}"),
                    eval("return {struct.unpack('l', struct.pack('l', -123456789012))}"),
                    eval("return tostring(struct.unpack('d', struct.pack('d', 0.1)))"),
                    eval("return tostring(struct.unpack('f', struct.pack('f', 0.1)))"),
                    eval("return {struct.unpack('s c2', struct.pack('s', 'hello') .. 'xy')}"),
                    eval("return {struct.unpack('b c0', struct.pack('b', 3) .. 'abcd')}"),
                    eval("return {struct.unpack('!4 b i', struct.pack('!4 b i', 1, 2))}"),
                    eval("return {struct.unpack('b', 'abc', 2)}"), eval("return {struct.unpack('x b', 'abc')}")),
            script("struct errors",
                    eval("return struct.size('s')"), eval("return struct.size('c0')"), eval("return struct.pack('z')"),
                    eval("return struct.pack('i40', 1)"), eval("return struct.pack('!3 i', 1)"),
                    eval("return {struct.unpack('>I2', 'a')}"), eval("return struct.pack('c3', 'ab')"),
                    eval("return struct.pack('i')"), eval("return {struct.unpack('c0', 'abc')}"),
                    eval("return {struct.unpack('s', 'abc')}"), eval("return {struct.unpack('b', 'abc', 0)}"),
                    eval("return struct.pack('b', 'x')"), eval("return struct.pack()"), eval("return struct.unpack('b')"),
                    eval("return {struct.unpack('i', 'abcdef', 4)}"), eval("return struct.size('q')"),
                    eval("struct.x = 1"), eval("return pcall(struct.pack, 'z')")),
            script("cmsgpack.pack: every type's smallest encoding, arrays and maps, nesting",
                    eval("return cmsgpack.pack(0, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, 2^53)"),
                    eval("return cmsgpack.pack(-1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649, -2^53)"),
                    eval("return cmsgpack.pack(1.5, 0.1, -0.0, 1/0, -1/0, 0/0, 1e300, 2^63, -2^63)"),
                    eval("return cmsgpack.pack(nil, true, false, '', 'abc', string.rep('x', 31), string.rep('y', 32))"),
                    eval("return cmsgpack.pack(string.rep('z', 300), string.rep('w', 70000))"),
                    eval("return cmsgpack.pack({}, {1, 2, 3}, {1, 2, nil, 4}, {[1] = 1, [3] = 3}, {a = 1}, {1, 'x', {true}})"),
                    eval("local t = {} for i = 1, 20 do t[i] = i end return cmsgpack.pack(t)"),
                    eval("local t = {} for i = 1, 20 do t['k' .. i] = i end return cmsgpack.pack(t)"),
                    eval("local t = {} local c = t for i = 1, 20 do c[1] = {} c = c[1] end return cmsgpack.pack(t)"),
                    eval("return cmsgpack.pack(cmsgpack.pack, {f = cmsgpack.unpack})")),
            script("cmsgpack round trips and the unpack variants",
                    eval("local t = {cmsgpack.unpack(cmsgpack.pack(1, -5, 1.5, 'x', true, {1, 2, {a = 'b'}}, 2^40, -2^40))}"
                            + " return {t[1], t[2], tostring(t[3]), t[4], tostring(t[5]), t[6][3].a, tostring(t[7]), tostring(t[8])}"),
                    eval("return cjson.encode({cmsgpack.unpack(cmsgpack.pack({a = {1, 2}, b = 'c'}, 0.25))})"),
                    eval("return {cmsgpack.unpack('')}"), eval("return {cmsgpack.unpack_one(cmsgpack.pack(1, 2))}"),
                    eval("return {cmsgpack.unpack_one(cmsgpack.pack(1, 2), 1)}"), eval("return {cmsgpack.unpack_one(cmsgpack.pack(1, 2), 2)}"),
                    eval("return {cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 2)}"),
                    eval("return {cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 5, 1)}"),
                    eval("return {cmsgpack.unpack(string.char(0xc4, 2, 65, 66, 0xdc, 0, 1, 7, 0xde, 0, 1, 1, 2))}"),
                    eval("return tostring(cmsgpack.unpack(string.char(0xcf, 255, 255, 255, 255, 255, 255, 255, 255)))"),
                    eval("return tostring(cmsgpack.unpack(string.char(0xd3, 128, 0, 0, 0, 0, 0, 0, 0)))"),
                    eval("return cmsgpack._NAME .. ' ' .. cmsgpack._VERSION")),
            script("cmsgpack errors",
                    eval("return cmsgpack.pack()"), eval("return cmsgpack.unpack()"),
                    eval("return {cmsgpack.unpack(string.char(193))}"), eval("return {cmsgpack.unpack(string.char(205, 1))}"),
                    eval("return {cmsgpack.unpack(string.char(0x92, 1))}"),
                    eval("return {cmsgpack.unpack_one(cmsgpack.pack(1, 2), -1)}"),
                    eval("return {cmsgpack.unpack_one(cmsgpack.pack(1, 2), 9)}"),
                    eval("return {cmsgpack.unpack_limit(cmsgpack.pack(1, 2), -1)}"),
                    eval("cmsgpack.x = 1"), eval("return pcall(cmsgpack.unpack, string.char(193))")));

    @TestFactory
    Stream<DynamicTest> librariesMatchRedis() {
        return EdgeCaseScripts.tests(SCRIPTS, diff);
    }
}
