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
                    eval("struct.x = 1"), eval("return pcall(struct.pack, 'z')")));

    @TestFactory
    Stream<DynamicTest> librariesMatchRedis() {
        return EdgeCaseScripts.tests(SCRIPTS, diff);
    }
}
