package io.memstone.engine;

import static io.memstone.engine.EdgeCaseScripts.script;

import io.memstone.engine.EdgeCaseScripts.Script;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Edge cases of the keyspace commands (EXPIRETIME, RENAME, COPY, TOUCH, RANDOMKEY, SCAN,
 * OBJECT, SORT), each a short script on an empty keyspace, every reply byte-identical to
 * redis-server's. What cluster mode answers differently (MOVE, COPY to another DB, SORT BY
 * and GET) is in {@link KeyCommandsClusterModeTest}. {@code #list KEY} puts a list at KEY.
 */
class KeyCommandsEdgeCasesMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    private static final List<Script> SCRIPTS = List.of(
            script("sort LIMIT, scan COUNT and cursors at the 64-bit edges (issue 13 audit)",
                    "rpush l 3 1 2", "sort l limit 9223372036854775807 9223372036854775807",
                    "sort l limit -9223372036854775808 -9223372036854775808", "sort l limit 0 9223372036854775807",
                    "sort l limit 1 9223372036854775807", "sort l limit 9223372036854775807 1 alpha",
                    "sort l limit 4611686018427387904 4611686018427387904", "sort l limit -9223372036854775808 9223372036854775807",
                    "sort_ro l limit 9223372036854775806 9223372036854775807 alpha desc", "sort l limit 9223372036854775807 -1",
                    "scan 0 count 9223372036854775807", "scan 18446744073709551616",
                    "scan 0 count -9223372036854775808", "set a ohmytext", "set b mynewtext",
                    "lcs a b idx minmatchlen 9223372036854775807", "lcs a b idx minmatchlen -9223372036854775808 withmatchlen"),
            script("arity errors come from the command table",
                    "expiretime", "pexpiretime a b", "rename a", "renamenx a b c", "copy a", "move a", "touch",
                    "randomkey x", "scan", "object", "sort", "sort_ro"),
            script("expiretime and pexpiretime",
                    "expiretime k", "pexpiretime k", "set k v", "expiretime k", "pexpiretime k",
                    "expireat k 99999999999", "expiretime k", "pexpiretime k", "pexpireat k 99999999999499",
                    "expiretime k", "pexpireat k 99999999999500", "expiretime k", "pexpiretime k",
                    "expire k 100", "expiretime k", "pexpiretime k", "persist k", "expiretime k",
                    "set t v pxat 1", "expiretime t", "pexpiretime t", "#list l", "expireat l 99999999999",
                    "expiretime l"),
            script("expiretime and ttl of an expiry near 2^63 ms round without wrapping (fuzzer)",
                    "set k v", "pexpireat k 9223372036854775807", "expiretime k", "pexpiretime k", "ttl k",
                    "pexpireat k 9223372036854775500", "expiretime k", "pexpireat k 9223372036854775499",
                    "expiretime k", "set k v pxat 9223372036854775807", "expiretime k", "getex k pxat 9223372036854775806",
                    "expiretime k", "expireat k 9223372036854775", "expiretime k", "pexpiretime k",
                    "expireat k 9223372036854776", "pexpire k 9223372036854775807", "expire k -9223372036854775808"),
            script("rename moves the value and its expiry",
                    "rename a b", "rename a a", "renamenx a a", "set a 1 ex 100", "rename a a", "renamenx a a",
                    "ttl a", "set b 2", "rename a b", "exists a", "get b", "ttl b", "set c 3", "rename c b",
                    "ttl b", "get b", "set d 4", "renamenx b d", "get d", "renamenx b e", "get e", "exists b",
                    "#list l", "rename l m", "lrange m 0 -1", "type l", "set t v pxat 1", "rename t u",
                    "renamenx t u", "exists u", "set v x", "set w y pxat 1", "renamenx v w", "get w",
                    "rename \"\" x", "set \"\" z", "rename \"\" \"a\\0b\"", "get \"a\\0b\""),
            script("copy with REPLACE and DB 0, deep and with the expiry",
                    "copy a b", "copy a a", "set a 1 ex 100", "copy a a", "copy a b", "get b", "ttl b",
                    "set c 3", "copy c b", "get b", "copy c b replace", "get b", "ttl b", "copy a b REPLACE db 0",
                    "ttl b", "copy a b db 0 replace replace", "copy a a db 0", "copy a b foo", "copy a b db",
                    "copy a b db abc", "copy a b db -1", "copy a b db 16", "copy a b db 4294967296",
                    "copy a b db 16 foo", "copy a b foo db 16", "copy a b db 1.5", "copy missing b replace",
                    "get b", "rpush l x y", "copy l m", "rpush m z", "lrange l 0 -1", "lrange m 0 -1",
                    "set t v pxat 1", "copy t u", "exists u", "copy a t", "get t", "set s v", "copy l s",
                    "copy l s replace", "type s", "lrange s 0 -1"),
            script("touch counts existing keys, repeats included",
                    "touch a", "set a 1", "#list l", "touch a a l b", "set t v pxat 1", "touch t a"),
            script("randomkey when the answer is determined",
                    "randomkey", "set t v pxat 1", "randomkey", "set k v", "randomkey", "del k", "rpush l a",
                    "randomkey", "del l", "randomkey"),
            script("scan cursor and option errors",
                    "scan 0", "scan abc", "scan \" 0\"", "scan \"0 \"", "scan 18446744073709551616",
                    "scan 18446744073709551615", "scan 18446744073709551615 count 1", "scan -1", "scan +0", "scan \"\"", "scan -", "scan 1.5",
                    "scan 0 count", "scan 0 count 0", "scan 0 count -1", "scan 0 count abc", "scan 0 match",
                    "scan 0 type", "scan 0 foo bar", "scan 0 count 10 match", "scan 0 COUNT 1 MATCH * TYPE string",
                    "scan abc count 0", "scan 0 count 9223372036854775808"),
            script("keys and scan: a star nested deeper than 1000 matches nothing (issue 13 audit)",
                    "set " + "a".repeat(3000) + " v", "keys " + "*a".repeat(1000), "keys " + "*a".repeat(1001),
                    "scan 0 match " + "*a".repeat(1000), "scan 0 match " + "*a".repeat(1001) + " count 100",
                    "keys " + "*".repeat(5000) + "a", "keys " + "?".repeat(3000)),
            script("scan reads its cursor as a C string, up to a NUL (fuzzer)",
                    "set a 1", "scan \"\\0\"", "scan \"0\\0x\"", "scan \"+\\0\"", "scan \"-\\05\"",
                    "scan \"\"", "scan \"\\0\" count 0"),
            script("scan with MATCH and TYPE over a small keyspace, in one call",
                    "mset a 1 b 2 ab 3 \"a\\0c\" 4", "rpush la x", "rpush lb y", "set t v pxat 1",
                    "scan 0 count 100", "scan 0 count 100 match a*", "scan 0 match a? count 100",
                    "scan 0 count 100 type list", "scan 0 count 100 type LIST", "scan 0 count 100 type string",
                    "scan 0 count 100 type \"list\\0x\"", "scan 0 count 100 type hash", "scan 0 count 100 type none",
                    "scan 0 count 100 match l* type string", "scan 0 count 100 match *", "scan 0 count 100 match t*",
                    "scan 0 count 100 match \"a\\0*\"", "scan 0 count 100 match [ab]"),
            script("object subcommands, errors and help",
                    "object foo", "object foo k", "object encoding", "object encoding a b", "object help x",
                    "object help", "OBJECT HELP", "object encoding missing",
                    "object refcount missing", "object idletime missing", "object freq missing", "set k v",
                    "object freq k", "object idletime k", "object ENCODING k", "object Refcount k"),
            script("object encoding and refcount of strings and lists",
                    "set k 123", "object encoding k", "object refcount k", "set k 9999", "object refcount k",
                    "set k 10000", "object encoding k", "object refcount k", "set k 0", "object refcount k",
                    "set k -1", "object encoding k", "object refcount k", "set k -9223372036854775808",
                    "object encoding k", "set k 12345678901234567890", "object encoding k", "set k 007",
                    "object encoding k", "set k \"\"", "object encoding k", "object refcount k",
                    "set k 12345678901234567890123456789012345678901234", "object encoding k",
                    "set k 123456789012345678901234567890123456789012345", "object encoding k",
                    "object refcount k", "del n", "incr n", "object encoding n", "object refcount n",
                    "incrby n 20000", "object refcount n", "mset m 5", "object refcount m", "#list l",
                    "object encoding l", "object refcount l", "rpush l 1 2 3", "object encoding l"),
            script("sort numbers, with LIMIT and order options",
                    "sort missing", "sort missing desc limit 0 1", "rpush l 3 1 2 10 -5 1.5 1e1 0x10 \" 7\" -inf inf",
                    "sort l", "sort l desc", "sort l asc", "sort l desc asc", "sort l limit 0 2", "sort l limit 2 -1",
                    "sort l limit -1 2", "sort l limit 5 100", "sort l limit 100 1", "sort l limit 0 0",
                    "sort l limit 10 1", "sort l limit 11 1", "sort l limit 0 1 limit 3 2", "sort l desc limit 1 3",
                    "sort l limit -9223372036854775808 9223372036854775807", "sort l limit abc 1",
                    "sort l limit 0 1.5", "sort l limit 0", "sort l limit", "sort l foo", "sort l LIMIT 1 1 DESC"),
            script("sort ties break by bytes; empty, spaced and odd numbers",
                    "rpush t 1 01 1.0 +1 \" 1\" 1e0 0 -0 \"\" -0.0", "sort t", "sort t desc",
                    "rpush b 9223372036854775807 9223372036854775806 9223372036854775808", "sort b", "sort b desc",
                    "rpush e 1e-300 2.2250738585072014e-308 1e308", "sort e"),
            // Redis never clears errno before strtod: after an ERANGE every numeric SORT fails
            // for a while. Out-of-range scores come last so they cannot leak into other checks.
            script("sort refuses what strtod cannot read",
                    "rpush z \"1\\0x\"", "sort z", "rpush a 1 x", "sort a", "sort a desc limit 0 1", "sort a alpha",
                    "sort a by nosort", "rpush n nan", "sort n", "rpush w \"5 \"", "sort w", "rpush sp \" \"",
                    "sort sp", "rpush h 0x", "sort h", "rpush g 1e", "sort g", "rpush m a", "sort m store dst",
                    "exists dst", "rpush o 1e400", "sort o", "rpush u 1e-400", "sort u", "rpush s 1e-310", "sort s"),
            script("sort alpha",
                    "rpush l banana apple cherry a b ab 10 9", "sort l alpha", "sort l alpha desc",
                    "sort l ALPHA limit 1 3", "sort l alpha limit 2 2 desc", "sort l alpha by nosort"),
            script("sort by a constant pattern keeps the list's order",
                    "rpush l 3 1 2", "sort l by nosort", "sort l by nosort desc", "sort l by nosort limit 1 1",
                    "sort l by nosort desc limit 1 5", "sort l by nosort limit 5 1", "sort l by \"no\\0*\"",
                    "sort l by nosort alpha", "sort l by x by y", "sort l by", "sort missing by nosort"),
            script("sort store replaces, keeps no expiry, deletes when empty",
                    "rpush l 3 1 2", "sort l store dst", "lrange dst 0 -1", "type dst", "set s x ex 100",
                    "sort l desc store s", "ttl s", "lrange s 0 -1", "sort l limit 0 1 store s store s2",
                    "exists s", "lrange s2 0 -1", "sort missing store s2", "exists s2", "set d x",
                    "sort l limit 5 1 store d", "exists d", "sort l store l", "lrange l 0 -1", "sort l by nosort desc limit 1 5 store l",
                    "lrange l 0 -1", "sort l store",
                    "sort l by nosort desc store r", "lrange r 0 -1", "sort l alpha store r2", "lrange r2 0 -1"),
            script("sort_ro and wrong types",
                    "rpush l 2 1", "sort_ro l", "sort_ro l desc limit 0 1", "sort_ro l store dst", "exists dst",
                    "sort_ro l alpha", "sort_ro missing", "set s v", "sort s", "sort_ro s", "sort s foo",
                    "sort s limit 0 1", "sort s store dst", "exists dst"));

    @TestFactory
    Stream<DynamicTest> everyEdgeCaseRepliesLikeRedis() {
        return EdgeCaseScripts.tests(SCRIPTS, diff);
    }
}
