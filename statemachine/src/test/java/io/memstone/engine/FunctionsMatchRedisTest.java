package io.memstone.engine;

import static io.memstone.engine.EdgeCaseScripts.script;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memstone.engine.EdgeCaseScripts.Script;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FUNCTION (every subcommand and its errors) and FCALL/FCALL_RO against redis-server, every
 * reply byte-identical. FLUSHALL keeps functions, so each script starts with FUNCTION FLUSH.
 * Libraries listed hold one function each: Redis lists several in its dictionary's order,
 * Memstone in registration order. FUNCTION DUMP payloads restore across both ways (their LZF
 * bytes may differ). A no-cluster function is refused, Memstone being a cluster
 * (KeyCommandsClusterModeTest).
 */
class FunctionsMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    /** A library with a function of each kind: positional, named with flags and a description. */
    private static final String LIB = "\"#!lua name=mylib\\n"
            + "redis.register_function('echo', function(keys, args) return {keys[1], args[1], #keys, #args} end)\\n"
            + "redis.register_function{function_name='get', callback=function(keys) return redis.call('get', keys[1]) end,"
            + " flags={'no-writes'}, description='reads a key'}\\n"
            + "redis.register_function{function_name='setit', callback=function(keys, args) return redis.call('set', keys[1], args[1]) end}\\n"
            + "redis.register_function{function_name='rw', callback=function(keys) return redis.call('set', keys[1], 'x') end, flags={'no-writes'}}\\n"
            + "redis.register_function('fail', function() return nil + 1 end)\\n"
            + "redis.register_function('raise', function() return redis.call('nosuch') end)\\n"
            + "redis.register_function('nokeys', function() return KEYS end)\"";
    private static final String ONE = "\"#!lua name=one\\nredis.register_function{function_name='f1', callback=function() return 1 end,"
            + " flags={'ALLOW-OOM', 'no-writes', 'allow-stale'}, description='first'}\"";
    private static final String TWO = "\"#!lua name=two\\nredis.register_function('f2', function() return 2 end)\"";

    private static final List<Script> SCRIPTS = List.of(
            script("FUNCTION LOAD: metadata and library names",
                    "function flush", "function load \"return 1\"", "function load \"#!lua\"", "function load \"#!lua\\nreturn 1\"",
                    "function load \"#!lua name=x foo=bar\\n\"", "function load \"#!lua name=x name=y\\n\"",
                    "function load \"#!lua name=a-b\\n\"", "function load \"#!lua name=\\n\"", "function load \"#!js name=ab\\n\"",
                    "function load \"#!LUA name=ab\\nredis.register_function('f', function() return 1 end)\"",
                    "function load \"#!lua name=ab\\nredis.register_function('g', function() return 1 end)\"",
                    "function load replace \"#!lua name=ab\\nredis.register_function('g', function() return 1 end)\"",
                    "fcall f 0", "fcall g 0", "function load bogus \"#!lua name=ab\\n\"", "function load", "function load replace"),
            script("FUNCTION LOAD: what the library's code may do",
                    "function flush", "function load \"#!lua name=cd\\nreturn 1\"", "function load \"#!lua name=cd\\nx(\"",
                    "function load \"#!lua name=cd\\nerror('boom')\"", "function load \"#!lua name=cd\\nredis.call('set','a','b')\"",
                    "function load \"#!lua name=cd\\nlocal x = string.len('a')\"", "function load \"#!lua name=cd\\nx = 1\"",
                    "function load \"#!lua name=cd\\nlocal x = nil + 1\"",
                    "function load \"#!lua name=cd\\nredis.log(redis.LOG_NOTICE, 'loading', redis.REDIS_VERSION_NUM > 0)"
                            + " redis.register_function('ok', function() return 1 end)\"", "fcall ok 0"),
            script("redis.register_function's arguments",
                    "function flush", "function load \"#!lua name=r\\nredis.register_function()\"",
                    "function load \"#!lua name=r\\nredis.register_function('a', function() end, 3)\"",
                    "function load \"#!lua name=r\\nredis.register_function('a')\"",
                    "function load \"#!lua name=r\\nredis.register_function({}, function() end)\"",
                    "function load \"#!lua name=r\\nredis.register_function('a', 'b')\"",
                    "function load \"#!lua name=r\\nredis.register_function('g-h', function() end)\"",
                    "function load \"#!lua name=r\\nredis.register_function('', function() end)\"",
                    "function load \"#!lua name=r\\nredis.register_function('g', function() end) redis.register_function('G', function() end)\"",
                    "function load \"#!lua name=r\\nredis.register_function{function_name='g'}\"",
                    "function load \"#!lua name=r\\nredis.register_function{callback=function() end}\"",
                    "function load \"#!lua name=r\\nredis.register_function{function_name={}, callback=function() end}\"",
                    "function load \"#!lua name=r\\nredis.register_function{function_name='g', callback=1}\"",
                    "function load \"#!lua name=r\\nredis.register_function{function_name='g', callback=function() end, description={}}\"",
                    "function load \"#!lua name=r\\nredis.register_function{function_name='g', callback=function() end, flags='no-writes'}\"",
                    "function load \"#!lua name=r\\nredis.register_function{function_name='g', callback=function() end, flags={'bad'}}\"",
                    "function load \"#!lua name=r\\nredis.register_function{function_name='g', callback=function() end, flags={{}}}\"",
                    "function load \"#!lua name=r\\nredis.register_function{function_name='g', callback=function() end, other=1}\"",
                    "function load \"#!lua name=r\\nredis.register_function{[{}]=1}\"",
                    "function load \"#!lua name=r\\nredis.register_function(1, function() return 'one' end)\"", "fcall 1 0"),
            script("function names are unique across libraries, in any letter case",
                    "function flush", "function load " + ONE,
                    "function load \"#!lua name=other\\nredis.register_function('F1', function() end)\"",
                    "function load replace \"#!lua name=one\\nredis.register_function('f1b', function() return 'b' end)\"",
                    "fcall f1 0", "fcall F1B 0", "function list"),
            script("FCALL and FCALL_RO",
                    "function flush", "function load " + LIB, "set k v",
                    "fcall echo 1 k a", "fcall ECHO 0", "fcall nosuch 0", "fcall echo -1", "fcall echo 2 a", "fcall echo x",
                    "fcall echo 1.5 a", "fcall fail 0", "fcall raise 0", "fcall nokeys 0", "fcall_ro setit 1 k v",
                    "fcall setit 1 k w", "fcall_ro get 1 k", "fcall get 1 k", "fcall rw 1 k", "fcall_ro rw 1 k", "fcall_ro echo 0", "fcall", "fcall echo", "get k"),
            script("FUNCTION LIST",
                    "function flush", "function list", "function load " + ONE, "function load " + TWO,
                    "function list libraryname one", "function list libraryname T* withcode", "function list withcode libraryname o?e",
                    "function list libraryname nomatch", "function list libraryname", "function list withcode libraryname x y",
                    "function list foo", "function list libraryname a libraryname b", "function list withcode withcode"),
            script("FUNCTION DELETE, FLUSH, STATS, KILL, HELP and unknown subcommands",
                    "function flush", "function load " + ONE, "function load " + TWO, "function stats", "function delete nosuch",
                    "function delete ONE", "function delete one", "fcall f1 0", "fcall f2 0", "function stats", "function delete lib extra",
                    "function flush foo", "function flush async", "function flush SYNC", "function flush sync x", "fcall f2 0",
                    "function stats x", "function kill", "function help", "function help x", "function nosuch", "function"),
            script("FUNCTION DUMP and RESTORE's policies and errors",
                    "function flush", "function dump", "function load " + TWO, "function dump", "function restore abc",
                    "function restore abc bad", "function restore abc flush", "function restore a b c"));

    @TestFactory
    Stream<DynamicTest> functionsMatchRedis() {
        return EdgeCaseScripts.tests(SCRIPTS, diff);
    }

    /** A payload's libraries by policy: APPEND refuses a loaded library, REPLACE swaps it, FLUSH drops the others. */
    @Test
    void restorePoliciesOfADumpedPayload() {
        diff.reset();
        diff.check("function flush");
        diff.check("function load " + ONE);
        diff.check("function load " + TWO);
        byte[] payload = fromRedis("function dump");
        diff.check("function delete two");
        checkRestore(payload, "");
        checkRestore(payload, "append");
        diff.check("function load \"#!lua name=three\\nredis.register_function('f2', function() return 3 end)\"");
        checkRestore(payload, "replace");
        diff.check("fcall f2 0");
        diff.check("function delete three");
        checkRestore(payload, "replace");
        diff.check("fcall f1 0");
        diff.check("function load \"#!lua name=four\\nredis.register_function('f4', function() return 4 end)\"");
        checkRestore(payload, "flush");
        diff.check("fcall f4 0");
        diff.check("fcall f2 0");
    }

    /** Each side's payload restores on the other: Memstone writes and reads Redis 7.0's format. */
    @Test
    void dumpsRestoreAcrossRedisAndMemstone() {
        diff.reset();
        diff.check("function flush");
        diff.check("function load " + LIB);
        byte[] redisPayload = fromRedis("function dump");
        byte[] enginePayload = bulkBody(diff.engineOnly(Differential.tokenize("function dump")));
        diff.check("function flush");
        byte[][] intoEngine = {bytes("function"), bytes("restore"), redisPayload};
        byte[][] intoRedis = {bytes("function"), bytes("restore"), enginePayload};
        assertEquals("+OK\r\n", text(diff.engineOnly(intoEngine)));
        assertEquals("+OK\r\n", text(diff.redisOnly(intoRedis)));
        diff.check("fcall echo 1 k a");
        diff.check("fcall get 1 k");
        diff.check("function list libraryname nomatch withcode");
        byte[] corrupt = Arrays.copyOf(enginePayload, enginePayload.length);
        corrupt[3] ^= 1;
        diff.check(bytes("function"), bytes("restore"), corrupt);
        byte[] notAFunction = enginePayload.clone();
        notAFunction[0] = 1;
        diff.check(bytes("function"), bytes("restore"), fixChecksum(notAFunction));
    }

    private static void checkRestore(byte[] payload, String policy) {
        if (policy.isEmpty()) diff.check(bytes("function"), bytes("restore"), payload);
        else diff.check(bytes("function"), bytes("restore"), payload, bytes(policy));
    }

    private static byte[] fromRedis(String line) {
        return bulkBody(diff.redisOnly(Differential.tokenize(line)));
    }

    /** A payload whose body changed, with its CRC-64 made right again. */
    private static byte[] fixChecksum(byte[] payload) {
        int body = payload.length - 8;
        long crc = io.memstone.rdb.Crc64.update(0, payload, 0, body);
        for (int i = 0; i < 8; i++) payload[body + i] = (byte) (crc >>> (8 * i));
        return payload;
    }

    private static byte[] bulkBody(byte[] bulk) {
        int start = 1;
        while (bulk[start] != '\n') start++;
        return Arrays.copyOfRange(bulk, start + 1, bulk.length - 2);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1);
    }
}
