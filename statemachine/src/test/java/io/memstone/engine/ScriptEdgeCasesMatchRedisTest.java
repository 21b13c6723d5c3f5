package io.memstone.engine;

import static io.memstone.engine.EdgeCaseScripts.script;

import io.memstone.engine.EdgeCaseScripts.Script;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EVAL, EVALSHA, their _RO forms and SCRIPT against redis-server, every reply byte-identical:
 * conversions both ways (integers, floats truncated, nil/false, tables cut at the first nil,
 * status and error tables), error strings of scripts and of the commands they call, the sandbox,
 * and RESP3 conversions with redis.setresp(3) as a RESP2 client receives them.
 */
class ScriptEdgeCasesMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    private static final List<Script> SCRIPTS = List.of(
            script("arity and numkeys",
                    "eval", "eval \"return 1\"", "evalsha", "eval_ro \"return 1\"",
                    "eval \"return 1\" -1", "eval \"return 1\" 3 a", "eval \"return 1\" x",
                    "eval \"return 1\" 1.5 a", "evalsha_ro abc -1"),
            script("lua to redis: numbers, strings, booleans, nil",
                    "eval \"return 1\" 0", "eval \"return -3.9\" 0", "eval \"return 3.99\" 0",
                    "eval \"return 0/0\" 0", "eval \"return 1e300\" 0", "eval \"return -1e300\" 0",
                    "eval \"return 'x'\" 0", "eval \"return ''\" 0", "eval \"return true\" 0",
                    "eval \"return false\" 0", "eval \"return nil\" 0", "eval \"return\" 0",
                    "eval \"return 1, 2\" 0", "eval \"return 2^53 + 1\" 0"),
            script("lua to redis: tables stop at the first nil; nested; status and error tables",
                    "eval \"return {1,2,3.7,'x',false,true,nil,5}\" 0", "eval \"return {}\" 0",
                    "eval \"return {{1,{2,{}}},'a'}\" 0", "eval \"return {a=1, 2}\" 0",
                    "eval \"return {ok='fine'}\" 0", "eval \"return {err='My Error'}\" 0",
                    "eval \"return {err='ERR x\\ny'}\" 0", "eval \"return {ok='a\\r\\nb'}\" 0",
                    "eval \"return {err=3}\" 0", "eval \"return {ok={}}\" 0",
                    "eval \"return redis.error_reply('x y')\" 0", "eval \"return redis.error_reply('boom')\" 0",
                    "eval \"return redis.error_reply('-CODE msg')\" 0", "eval \"return redis.error_reply(1)\" 0",
                    "eval \"return redis.status_reply('FOO')\" 0", "eval \"return redis.status_reply()\" 0",
                    "eval \"return {double=1.5}\" 0", "eval \"return {double=1/0}\" 0"),
            script("redis to lua: every reply type as RESP2 gives it",
                    "set s abc", "rpush l a b c", "hset h f v", "zadd z 1.5 m",
                    "eval \"return redis.call('get', KEYS[1])\" 1 s",
                    "eval \"return type(redis.call('get', 'nokey'))\" 0",
                    "eval \"return tostring(redis.call('get', 'nokey'))\" 0",
                    "eval \"return redis.call('lrange', 'l', 0, -1)\" 0",
                    "eval \"return redis.call('incr', 'n') + 0.5\" 0",
                    "eval \"return redis.call('set', 'x', 'y')\" 0",
                    "eval \"return redis.call('set', 'x', 'y').ok\" 0",
                    "eval \"return type(redis.call('set', 'x', 'y'))\" 0",
                    "eval \"return redis.call('zscore', 'z', 'm')\" 0",
                    "eval \"return redis.call('hgetall', 'h')\" 0",
                    "eval \"return redis.call('zrange', 'z', 0, -1, 'withscores')\" 0",
                    "eval \"return redis.pcall('incr', KEYS[1])\" 1 s",
                    "eval \"return redis.pcall('incr', KEYS[1]).err\" 1 s",
                    "eval \"local t = redis.pcall('incr', 's') return t.ignore_error_stats_update\" 0",
                    "eval \"return redis.call('set', 'f', 0.1)\" 0", "get f",
                    "eval \"return redis.call('set', 'i', 12)\" 0", "get i",
                    "eval \"return redis.call('echo', 12)\" 0", "eval \"return redis.call('ping')\" 0",
                    "eval \"return redis.call('exists', 'nokey', 's')\" 0"),
            script("errors raised in scripts and by the commands they call",
                    "set s abc",
                    "eval \"return redis.call('incr', KEYS[1])\" 1 s",
                    "eval \"return redis.call('nosuch')\" 0", "eval \"return redis.pcall('nosuch')\" 0",
                    "eval \"return redis.call('get')\" 0", "eval \"return redis.call()\" 0",
                    "eval \"return redis.call('set', 'x', {})\" 0",
                    "eval \"return redis.pcall('set', 'x', {})\" 0",
                    "eval \"return redis.call('eval', 'return 1', '0')\" 0",
                    "eval \"error('boom')\" 0", "eval \"error({err='boom2'})\" 0",
                    "eval \"local x = nil\nreturn x.y\" 0",
                    "eval \"return 1 +\" 0", "eval \"return redis.sha1hex()\" 0",
                    "eval \"redis.setresp(4)\" 0", "eval \"redis.log(1)\" 0", "eval \"redis.log(9, 'x')\" 0",
                    "eval \"return math.random(0)\" 0", "eval \"return tostring(math.random(1,1))\" 0",
                    "eval_ro \"return redis.call('set', 'a', '1')\" 0", "eval_ro \"return redis.call('get', 's')\" 0",
                    "eval \"return redis.call('incr', 's')\" 0"),
            script("the sandbox: no os, io, loadfile; globals read-only; libraries protected",
                    "eval \"x = 1\" 0", "eval \"return x\" 0", "eval \"return os\" 0", "eval \"return io\" 0",
                    "eval \"return loadfile\" 0", "eval \"return dofile\" 0", "eval \"return require\" 0",
                    "eval \"return print\" 0", "eval \"return debug\" 0",
                    "eval \"rawset(_G, 'y', 1) return 1\" 0", "eval \"string.foo = 1 return 1\" 0",
                    "eval \"setmetatable(_G, nil) return 1\" 0", "eval \"return getmetatable(_G)\" 0",
                    "eval \"return type(rawset)\" 0", "eval \"return _VERSION\" 0",
                    "eval \"return redis.REDIS_VERSION\" 0", "eval \"return redis.REDIS_VERSION_NUM\" 0",
                    "eval \"return redis.sha1hex('')\" 0", "eval \"return redis.sha1hex(12)\" 0",
                    "eval \"return tostring(getmetatable('').__index == string)\" 0",
                    "eval \"return ('abc'):upper()\" 0"),
            script("Lua 5.1 numbers and strings as redis-server's Lua formats them",
                    "eval \"return {tostring(0.1), tostring(1e100), tostring(1/3), tostring(2^53), tostring(-0.0)}\" 0",
                    "eval \"return string.format('%5.2f|%g|%d|%q', 3.14159, 1e20, 3.7, 'a\\0b')\" 0",
                    "eval \"return {tostring(1/0), tostring(7 % -3), tostring(tonumber('0x10')), #'\\0ab'}\" 0",
                    "eval \"return string.rep('ab', 3, 'x')\" 0"),
            script("KEYS and ARGV keep binary bytes",
                    "eval \"return {KEYS[1], ARGV[1], #KEYS, #ARGV}\" 1 \"k\\0\\r\\n\" \"v\\0v\"",
                    "eval \"return redis.call('set', KEYS[1], ARGV[1])\" 1 \"k\\0\" \"\\0\\r\\n\"",
                    "eval \"return redis.call('get', KEYS[1])\" 1 \"k\\0\"",
                    "eval \"return string.char(0, 200, 255)\" 0"),
            script("resp3 through setresp: maps, sets, doubles, booleans, nulls (to a RESP2 client)",
                    "hset h f v", "sadd st m", "zadd z 2.5 m", "set s x",
                    "eval \"redis.setresp(3) return redis.call('hgetall', 'h')\" 0",
                    "eval \"redis.setresp(3) return redis.call('hgetall', 'h').map.f\" 0",
                    "eval \"redis.setresp(3) return redis.call('smembers', 'st')\" 0",
                    "eval \"redis.setresp(3) return redis.call('zscore', 'z', 'm')\" 0",
                    "eval \"redis.setresp(3) return redis.call('zscore', 'z', 'm').double\" 0",
                    "eval \"redis.setresp(3) return type(redis.call('get', 'nokey'))\" 0",
                    "eval \"redis.setresp(3) return redis.call('get', 'nokey') == nil\" 0",
                    "eval \"redis.setresp(3) return true\" 0", "eval \"redis.setresp(3) return false\" 0",
                    "eval \"redis.setresp(3) return {map={a=1}}\" 0", "eval \"redis.setresp(3) return {set={a=true}}\" 0",
                    "eval \"redis.setresp(3) return redis.call('zrange', 'z', 0, -1, 'withscores')\" 0"),
            script("script cache: load, exists, evalsha, flush, kill",
                    "script load \"return 1\"", "script exists e0e1f9fabfc9d4800c877a703b823ac0578ff8db abc",
                    "script exists E0E1F9FABFC9D4800C877A703B823AC0578FF8DB",
                    "evalsha e0e1f9fabfc9d4800c877a703b823ac0578ff8db 0",
                    "evalsha E0E1F9FABFC9D4800C877A703B823AC0578FF8DB 0",
                    "evalsha_ro e0e1f9fabfc9d4800c877a703b823ac0578ff8db 0",
                    "evalsha ffffffffffffffffffffffffffffffffffffffff 0", "evalsha abc 0",
                    "eval \"return 2\" 0", "evalsha 7f923f79fe76194c868d7e1d0820de36700eb649 0",
                    "script load \"return +\"", "script kill", "script flush x", "script flush async sync",
                    "script flush sync", "script exists e0e1f9fabfc9d4800c877a703b823ac0578ff8db",
                    "evalsha e0e1f9fabfc9d4800c877a703b823ac0578ff8db 0", "script flush", "script flush async",
                    "script nosuch"));

    @TestFactory
    Stream<DynamicTest> scriptsMatchRedis() {
        return EdgeCaseScripts.tests(SCRIPTS, diff);
    }
}
