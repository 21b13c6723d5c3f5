package io.memstone.engine;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hand-written table of edge cases per command, each a short script run on an empty
 * keyspace against redis-server and the engine: every reply must be byte-identical.
 * {@code #list KEY} puts a list at KEY (for WRONGTYPE cases).
 */
class EdgeCasesMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    private record Script(String name, List<String> lines) {}

    private static Script script(String name, String... lines) {
        return new Script(name, Arrays.asList(lines));
    }

    private static final List<Script> SCRIPTS = List.of(
            script("arity errors come from the command table",
                    "get", "get a b", "set k", "mset", "mget", "expire k", "ttl", "keys", "incrbyfloat k",
                    "del", "exists", "getset k", "append k", "setex k 10", "flushall a b", "dbsize x"),
            script("get and strlen of missing, empty and binary values",
                    "get k", "strlen k", "set k \"\"", "get k", "strlen k", "set \"\" v", "get \"\"",
                    "set \"a\\0b\" \"x\\0y\\r\\n\"", "get \"a\\0b\"", "strlen \"a\\0b\"", "#list l", "get l", "strlen l"),
            script("set NX and XX",
                    "set k v nx", "set k v2 nx", "get k", "set k v3 xx", "get k", "set m v xx", "get m",
                    "set k v nx xx", "set k v xx nx", "set k v NX nx", "set k v Xx", "set k v \"nx\\0junk\"",
                    "set k v nxx", "set k v foo", "set k v get get"),
            script("set expire options and their errors",
                    "set k v ex 0", "set k v ex -1", "set k v px 0", "set k v px -5", "set k v exat 0",
                    "set k v pxat -1", "set k v ex abc", "set k v ex 1.5", "set k v ex \" 10\"",
                    "set k v ex 9223372036854775807", "set k v ex 9223372036854775", "set k v px 9223372036854775807",
                    "set k v exat 9223372036854776", "set k v ex", "set k v px", "get k",
                    "set k v ex 100 px 100000", "set k v px 100000 ex 100", "set k v ex 100 exat 99999999999",
                    "set k v ex 100 keepttl", "set k v keepttl ex 100", "set k v exat 9999999999 pxat 9999999999000",
                    "set k v ex 100 ex 200", "ttl k", "set k v EX 300", "ttl k", "pttl k",
                    "set k v px 500000", "pttl k", "set k v exat 99999999999", "ttl k", "set k v pxat 99999999999000", "ttl k"),
            script("set with a time in the past leaves nothing readable",
                    "set k v pxat 1", "get k", "exists k", "ttl k", "set k v exat 1000", "get k", "type k"),
            script("set KEEPTTL keeps, plain set drops the expiry",
                    "set k v ex 100", "set k v2 keepttl", "ttl k", "get k", "set k v3", "ttl k",
                    "set n v keepttl", "ttl n", "set k v ex 100", "set k v keepttl keepttl nx", "ttl k"),
            script("set GET returns the old value, with NX, XX and on wrong types",
                    "set k v get", "set k v2 get", "set k v3 nx get", "get k", "set n v nx get", "get n",
                    "set x v xx get", "get x", "set k v4 xx get", "#list l", "set l v get", "type l",
                    "set l v get nx", "set l v ex 0 get", "set k v get ex 100", "ttl k"),
            script("setnx, setex, psetex",
                    "setnx k v", "setnx k v2", "get k", "setex k 0 v", "setex k -5 v", "setex k abc v",
                    "setex k 9223372036854775807 v", "setex k 100 v", "ttl k", "psetex k 0 v", "psetex k 100000 v",
                    "pttl k", "psetex k 9223372036854775807 v", "#list l", "setnx l v", "setex l 100 v", "type l"),
            script("getset and getdel",
                    "getset k v", "getset k v2", "get k", "set k v ex 100", "getset k x", "ttl k",
                    "getdel k", "getdel k", "exists k", "#list l", "getset l v", "getdel l", "type l"),
            script("mget and mset",
                    "mget a b", "mset a 1 b", "mset a 1 b 2 a 3", "mget a b c", "#list l", "mget a l b",
                    "set t v ex 100", "mset t x", "ttl t", "mset l v", "type l"),
            script("append",
                    "append k x", "append k \"\"", "append k yz", "get k", "append e \"\"", "exists e", "get e",
                    "set t v ex 100", "append t w", "ttl t", "get t", "#list l", "append l x"),
            script("incr and decr parse integers strictly",
                    "incr k", "incr k", "decr k", "set k \" 1\"", "incr k", "set k +1", "incr k", "set k 01", "incr k",
                    "set k -0", "incr k", "set k 0", "incr k", "set k 1.5", "incr k", "set k \"\"", "incr k",
                    "set k 9223372036854775807", "incr k", "get k", "set k -9223372036854775808", "decr k",
                    "set k 9223372036854775808", "incr k", "set k -9223372036854775809", "decr k",
                    "set k \"1\\0\"", "incr k", "set k 10 ex 100", "incr k", "ttl k", "#list l", "incr l", "decr l"),
            script("incrby and decrby with huge and extreme increments",
                    "incrby k 5", "incrby k -10", "incrby k abc", "incrby k 9223372036854775808",
                    "incrby k 9223372036854775807", "incrby k 9223372036854775807", "set k -1",
                    "incrby k -9223372036854775808", "incrby k -1", "decrby k -9223372036854775808",
                    "decrby k 9223372036854775807", "decrby k 1", "decrby k 2", "decrby n abc", "incrby n \"\"",
                    "#list l", "incrby l 1", "incrby l abc", "decrby l -9223372036854775808"),
            script("incrbyfloat formats like Redis' long doubles",
                    "incrbyfloat k 10.5", "incrbyfloat k 0.1", "incrbyfloat a 0.1", "incrbyfloat a 0.2",
                    "incrbyfloat b 3.0e3", "incrbyfloat b 5.0e3", "incrbyfloat c 1e-5", "incrbyfloat c -1e-5",
                    "incrbyfloat d 1.5e-320", "incrbyfloat e -10.5", "incrbyfloat e 10.5", "get e",
                    "incrbyfloat f 1e30", "incrbyfloat g 1e400", "get g", "incrbyfloat h -1e-20",
                    "set i 9223372036854775807", "incrbyfloat i 1", "incrbyfloat j 0.0000000000000001",
                    "incrbyfloat j 12345678901234567890", "incrbyfloat m 1.", "incrbyfloat m .5", "incrbyfloat m +.5",
                    "incrbyfloat m 1e+2", "incrbyfloat m -.5e-3", "incrbyfloat m 0x10", "incrbyfloat m 0x1.8p1",
                    "incrbyfloat n 3.14159265358979323846264338327950288", "incrbyfloat o 1e4931",
                    "incrbyfloat o 1e4931", "incrbyfloat o 1e4932", "incrbyfloat o 1e4932"),
            script("incrbyfloat rejects what strtold or Redis rejects",
                    "incrbyfloat k abc", "incrbyfloat k \"\"", "incrbyfloat k \" 1\"", "incrbyfloat k \"1 \"",
                    "incrbyfloat k 1e", "incrbyfloat k .", "incrbyfloat k 1e5000", "incrbyfloat k 1e-5000",
                    "incrbyfloat k inf", "incrbyfloat k -inf", "incrbyfloat k +Infinity", "incrbyfloat k nan",
                    "incrbyfloat k \"1\\0junk\"", "incrbyfloat k 0x", "set s abc", "incrbyfloat s 1",
                    "set s inf", "incrbyfloat s 1", "set s 1e4932", "incrbyfloat s 1e4932", "get s",
                    "set t 1 ex 100", "incrbyfloat t 1.5", "ttl t", "#list l", "incrbyfloat l 1", "incrbyfloat l abc"),
            script("del, unlink and exists count keys",
                    "set a 1", "set b 2", "exists a a b c", "del a a c", "exists a", "unlink b b", "exists b",
                    "del nothing", "#list l", "exists l", "del l", "type l"),
            script("type",
                    "type k", "set k v", "type k", "#list l", "type l"),
            script("expire, ttl and persist",
                    "expire k 100", "ttl k", "pttl k", "persist k", "set k v", "ttl k", "pttl k", "persist k",
                    "expire k 100", "ttl k", "persist k", "ttl k", "pexpire k 100000", "pttl k",
                    "expireat k 99999999999", "ttl k", "pexpireat k 99999999999000", "ttl k",
                    "expire k -1", "exists k", "set k v", "pexpire k 0", "exists k", "set k v", "expireat k 1",
                    "get k", "set k v", "pexpireat k -5", "get k"),
            script("expire with NX, XX, GT, LT",
                    "set k v", "expire k 100 xx", "expire k 100 gt", "expire k 100 lt", "ttl k",
                    "expire k 200 nx", "ttl k", "expire k 300 nx", "expire k 300 xx", "ttl k",
                    "expire k 100 gt", "expire k 400 gt", "ttl k", "expire k 500 lt", "expire k 50 lt", "ttl k",
                    "expire k 10 nx nx", "expire k 10 XX Lt", "ttl k", "expire k 10 nx xx", "expire k 10 nx gt",
                    "expire k 10 lt nx", "expire k 10 gt lt", "expire k 10 foo", "expire k 10 \"bar\\r\\n\"",
                    "expire k 10 \"a\\nb\"", "expire k abc foo", "expire k abc", "expire n 10 gt", "expire n 10 foo",
                    "expire k -1 gt", "expire k -1 lt", "exists k"),
            script("expire overflow is an invalid expire time",
                    "set k v", "expire k 9223372036854775807", "expire k -9223372036854775808",
                    "expire k 9223372036854775", "pexpire k 9223372036854775807", "expireat k 9223372036854775808",
                    "expireat k 9223372036854775807", "pexpireat k 9223372036854775807", "ttl k",
                    "expire k 1.5", "expire k \"\"", "pexpire k -9223372036854775808", "exists k"),
            script("keys matches Redis' glob",
                    "mset hello 1 hallo 2 hxllo 3 hllo 4 heeeello 5 h*llo 6 \"a\\\\\" 7 [ 8 \"\" 9 ab 10 b 11",
                    "keys *", "keys h?llo", "keys h*llo", "keys h[ae]llo", "keys h[^e]llo", "keys h[a-b]llo",
                    "keys h[b-a]llo", "keys \"h\\\\*llo\"", "keys [", "keys \"[\\\\\"", "keys h[", "keys *[",
                    "keys \"a\\\\\"", "keys \"a\\\\\\\\\"", "keys \"\"", "keys **", "keys ?", "keys ??", "keys *o",
                    "keys *l*l*", "keys [a-]*", "keys [-a]", "keys [^]", "keys [b", "keys \"[\\\\]\"",
                    "set t v pxat 1", "keys t*"),
            script("flushall, flushdb and dbsize",
                    "mset a 1 b 2", "dbsize", "flushall foo", "flushall async sync", "dbsize", "flushall ASYNC",
                    "dbsize", "mset a 1", "flushdb sync", "dbsize", "mset a 1", "flushdb", "dbsize", "flushall",
                    "flushdb async", "flushdb \"sync\\0x\""));

    @TestFactory
    Stream<DynamicTest> everyEdgeCaseRepliesLikeRedis() {
        return SCRIPTS.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            diff.reset();
            for (String line : s.lines()) {
                if (line.startsWith("#list ")) diff.listAt(line.substring(6));
                else diff.check(line);
            }
        }));
    }
}
