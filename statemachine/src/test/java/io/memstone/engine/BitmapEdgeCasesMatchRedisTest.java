package io.memstone.engine;

import static io.memstone.engine.EdgeCaseScripts.script;

import io.memstone.engine.EdgeCaseScripts.Script;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Edge cases of SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD and BITFIELD_RO: each script
 * runs on an empty keyspace against redis-server and the engine, and every reply must be
 * byte-identical. {@code #list KEY} puts a list at KEY. The 512 MB limits are tested by the
 * offsets just past them: reaching them would allocate 512 MB on both sides.
 */
class BitmapEdgeCasesMatchRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    private static final List<Script> SCRIPTS = List.of(
            script("arity errors come from the command table",
                    "setbit k 0", "getbit k", "bitcount", "bitpos k", "bitop and d", "bitop", "bitfield",
                    "bitfield_ro", "setbit k 0 1 2", "getbit k 0 1"),
            script("setbit and getbit",
                    "getbit k 0", "setbit k 7 1", "get k", "getbit k 7", "getbit k 6", "getbit k 8", "getbit k 100000",
                    "setbit k 7 1", "setbit k 7 0", "get k", "strlen k", "setbit k 20 1", "strlen k", "get k",
                    "setbit k 0 0", "set n 5", "getbit n 5", "getbit n 7", "setbit n 6 1", "get n", "set t v ex 100",
                    "setbit t 0 1", "ttl t", "get t", "getbit t 4294967295"),
            script("setbit and getbit errors",
                    "setbit k -1 1", "setbit k 4294967296 1", "setbit k abc 1", "setbit k 1.5 1", "setbit k \"#1\" 1",
                    "setbit k 0 2", "setbit k 0 -1", "setbit k 0 abc", "setbit k 0 \"\"", "setbit k abc 2",
                    "getbit k -1", "getbit k 4294967296", "getbit k abc", "exists k", "#list l", "setbit l 0 1",
                    "setbit l 0 2", "setbit l -1 1", "getbit l 0", "getbit l abc"),
            script("bitcount over bytes and bits",
                    "bitcount k", "bitcount k 0 -1", "bitcount k a b", "bitcount k 0", "set k foobar", "bitcount k",
                    "bitcount k 0 0", "bitcount k 1 1", "bitcount k 1 -2", "bitcount k -2 -1", "bitcount k -1 -2",
                    "bitcount k 5 30 BYTE", "bitcount k 5 30 bit", "bitcount k 0 -1 bit", "bitcount k -5 -1 BIT",
                    "bitcount k 3 2 bit", "bitcount k -100 100", "bitcount k 100 200", "bitcount k 0 0 bit",
                    "bitcount k 7 8 bit", "bitcount k -9223372036854775808 9223372036854775807 bit"),
            script("bitcount argument errors",
                    "set k abc", "bitcount k 0", "bitcount k 0 1 2", "bitcount k 0 1 bits", "bitcount k a 1",
                    "bitcount k 0 b", "bitcount k -1 -5 foo", "bitcount k 0 1 bit 2", "bitcount missing 0",
                    "bitcount missing a b c", "set e \"\"", "bitcount e", "bitcount e 0 -1", "bitcount e 0 -1 bit",
                    "set n 1234", "bitcount n", "bitcount n 1 1", "#list l", "bitcount l", "bitcount l a b"),
            script("bitpos over bytes and bits",
                    "bitpos k 0", "bitpos k 1", "bitpos k 1 0 -1", "bitfield k set u24 0 16773120", "bitpos k 0",
                    "bitpos k 1", "bitpos k 1 1", "bitpos k 0 1", "bitpos k 1 2", "bitpos k 0 0 0", "bitpos k 0 0 -1",
                    "bitpos k 1 -1", "bitpos k 1 7 15 bit", "bitpos k 0 7 15 bit", "bitpos k 0 0 7 bit",
                    "bitpos k 1 12 20 bit", "bitpos k 0 3 5 bit", "bitpos k 1 -5 -1 bit", "bitpos k 0 100",
                    "bitpos k 1 2 1", "bitfield f set u16 0 65535", "bitpos f 0", "bitpos f 0 0", "bitpos f 0 0 -1",
                    "bitpos f 0 1 1 byte", "bitpos f 0 3 9 bit", "bitpos f 1 -100 100", "setbit z 15 0",
                    "bitpos z 1", "bitpos z 0", "bitpos z 1 0 -1 bit", "set e \"\"", "bitpos e 0", "bitpos e 1",
                    "bitpos e 0 0", "set n 1", "bitpos n 1", "bitpos n 0"),
            script("bitpos argument errors",
                    "set k abc", "bitpos k 2", "bitpos k -1", "bitpos k abc", "bitpos k 1 a", "bitpos k 1 0 b",
                    "bitpos k 1 0 1 bits", "bitpos k 1 a 1 bits", "bitpos k 1 0 b bits", "bitpos k 1 0 1 bit 1",
                    "bitpos missing 1 a", "bitpos missing 2", "#list l", "bitpos l 1", "bitpos l 2", "bitpos l 1 a"),
            script("bitop and, or, xor and not",
                    "bitfield a set u16 0 65295", "bitfield b set u8 0 240", "bitop and d a b", "get d", "bitop or d a b", "get d",
                    "bitop xor d a b", "get d", "bitop not d a", "get d", "bitop AND d a missing", "get d",
                    "bitop or d missing1 missing2", "exists d", "set d x", "bitop not d missing", "exists d",
                    "bitop xor d a", "get d", "bitop and a a b", "get a", "set t v ex 100", "bitop or t b", "ttl t",
                    "set n 12", "bitop not d n", "get d", "bitop or d a b n missing", "get d",
                    "set e \"\"", "bitop and d e", "exists d"),
            script("bitop errors",
                    "set a x", "bitop nand d a", "bitop not d a b", "bitop not d", "bitop \"and\\0\" d a",
                    "#list l", "bitop and d a l", "bitop or d l", "bitop not d l", "exists d", "bitop xor l a", "get l",
                    "bitop foo d l"),
            script("bitfield get, set and incrby",
                    "bitfield k", "exists k", "bitfield k get u8 0", "exists k", "bitfield k set u8 0 255 get u8 0",
                    "get k", "bitfield k set i8 0 -1 get u4 0 get i4 4", "bitfield k incrby u2 100 1",
                    "get k", "strlen k", "bitfield k set u8 #1 200 get u8 #1 get u8 8 get i8 #1", "bitfield k get i64 0",
                    "bitfield k set i64 0 -9223372036854775808 get i64 0 get u63 1", "bitfield k get u63 0",
                    "bitfield k get u1 1000 get i1 0", "bitfield k set i1 0 1 get i1 0", "set t v ex 100",
                    "bitfield t set u8 100 1", "ttl t", "strlen t", "set n 12", "bitfield n get u8 0 set u8 0 65",
                    "get n", "bitfield_ro k get u8 0 get i16 #1", "bitfield_ro missing get u8 0",
                    "bitfield m get u8 100 set u8 100 1 get u8 100"),
            script("bitfield overflow wrap, sat and fail",
                    "bitfield k overflow wrap incrby u8 0 300 incrby i8 8 200 incrby u4 16 -1 incrby i4 20 -9",
                    "bitfield k overflow sat incrby u8 0 300 incrby i8 8 200 incrby u4 16 -20 incrby i4 20 -9",
                    "bitfield k overflow fail incrby u8 0 1 incrby i8 8 1 incrby u4 16 -1 incrby i4 20 -9 get u32 0",
                    "bitfield k overflow fail set u8 0 256 set i8 8 -129 set u8 0 255 set i8 8 -128",
                    "bitfield k overflow sat set u8 0 256 set i8 8 -129 set u8 0 -1 set i8 16 -9223372036854775808",
                    "bitfield k get u8 0 get i8 8 get i8 16",
                    "bitfield k overflow wrap set u8 0 -1 set i8 8 -200 set i8 16 -9223372036854775808 get u32 0",
                    "bitfield k overflow sat set i64 0 9223372036854775807 incrby i64 0 1 incrby i64 0 -9223372036854775808",
                    "bitfield k overflow wrap incrby i64 0 1 incrby i64 0 -1 get i64 0",
                    "bitfield k overflow fail incrby i64 0 1 set u63 0 -1 incrby u63 0 1 get i64 0",
                    "bitfield k overflow sat incrby u63 0 9223372036854775807 incrby u63 0 1 incrby u63 0 -9223372036854775808",
                    "bitfield k OVERFLOW FAIL incrby u8 0 1 overflow wrap incrby u8 0 1",
                    "bitfield f overflow fail set u8 80 300", "strlen f"),
            script("bitfield errors",
                    "bitfield k get", "bitfield k get u8", "bitfield k set u8 0", "bitfield k incrby u8 0",
                    "bitfield k foo", "bitfield k overflow", "bitfield k overflow foo get u8 0", "bitfield k get x8 0",
                    "bitfield k get U8 0", "bitfield k get u64 0", "bitfield k get i65 0", "bitfield k get u0 0",
                    "bitfield k get i 0", "bitfield k get \"\" 0", "bitfield k get \"u8\\0x\" 0", "bitfield k get u-1 0",
                    "bitfield k get u8 -1", "bitfield k get u8 abc", "bitfield k get u8 #-1", "bitfield k get u8 #abc",
                    "bitfield k get u8 4294967296", "bitfield k get u8 4294967295", "bitfield k get u8 #536870912",
                    "bitfield k get u8 #536870911", "bitfield k get i64 #67108864", "bitfield k get u8 \"\"",
                    "bitfield k set u8 0 abc", "bitfield k set u8 0 1.5", "bitfield k incrby u8 0 9223372036854775808",
                    "bitfield k set u8 0 1 get x 0", "exists k", "bitfield k get u8 0 foo",
                    "bitfield k get u8 0 overflow wrap"),
            script("bit offsets, ranges and increments at the 64-bit edges (issue 13 audit)",
                    "setrange s 0 abc", "setbit b 9223372036854775807 1", "setbit b -1 1", "getbit s 9223372036854775807",
                    "getbit s 4294967296", "getbit s -9223372036854775808", "bitcount s -9223372036854775808 9223372036854775807",
                    "bitcount s -9223372036854775808 9223372036854775807 bit", "bitcount s 9223372036854775807 -1 bit",
                    "bitcount s -9223372036854775808 -9223372036854775808 bit", "bitcount s -2305843009213693952 -1 bit",
                    "bitcount s -1152921504606846977 -1152921504606846976 bit", "bitcount s 0 1152921504606846976 bit",
                    "bitpos s 1 -9223372036854775808 9223372036854775807", "bitpos s 0 -9223372036854775808 -1 bit",
                    "bitpos s 0 9223372036854775807 9223372036854775807 bit", "bitpos s 0 0 -9223372036854775808 bit",
                    "bitpos s 0 -2305843009213693953 -2305843009213693952 bit", "bitpos s 0 1152921504606846976 -1 bit",
                    "bitpos s 0 0 1152921504606846976 bit", "bitpos s 1 -1152921504606846977 -1 bit",
                    "bitfield s get u8 9223372036854775807", "bitfield s get u8 #9223372036854775807",
                    "bitfield s get u8 #1152921504606846976", "bitfield s get u8 #536870912", "bitfield s get i64 #-1",
                    "bitfield s get u8 #2305843009213693951", "bitfield s get i64 #144115188075855871",
                    "bitfield s get u8 18446744073709551615", "bitfield_ro s get i64 #-9223372036854775808",
                    "bitfield s incrby u8 #9223372036854775807 1", "bitfield s set i64 1 -9223372036854775808 get i64 1",
                    "bitfield s incrby i64 0 9223372036854775807", "bitfield s incrby i64 0 9223372036854775807",
                    "bitfield s overflow fail incrby i64 0 9223372036854775807",
                    "bitfield s overflow sat incrby i64 0 -9223372036854775808",
                    "bitfield s overflow sat incrby i64 0 -9223372036854775808",
                    "bitfield s overflow wrap incrby u63 0 9223372036854775807", "bitfield s incrby u63 4611686018427387904 -1",
                    "bitfield s overflow sat incrby u63 0 -9223372036854775808",
                    "bitfield s overflow sat incrby i1 0 -9223372036854775808", "get s"),
            script("bitfield_ro accepts only GET",
                    "bitfield_ro k get u8 0", "bitfield_ro k set u8 0 1", "bitfield_ro k incrby u8 0 1",
                    "bitfield_ro k overflow fail get u8 0", "bitfield_ro k get u8 0 set u8 0 1", "bitfield_ro k get x 0",
                    "bitfield_ro k set x 0 1", "bitfield_ro k foo", "exists k", "#list l", "bitfield_ro l get u8 0",
                    "bitfield_ro l set u8 0 1", "bitfield l get u8 0", "bitfield l set u8 0 1", "bitfield l get x 0",
                    "bitfield l"));

    @TestFactory
    Stream<DynamicTest> everyEdgeCaseRepliesLikeRedis() {
        return EdgeCaseScripts.tests(SCRIPTS, diff);
    }
}
