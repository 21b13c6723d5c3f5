package io.memstone.engine;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OBJECT ENCODING of every type on both sides of 7.0's conversion thresholds (and that the
 * conversions never go back), compared with redis-server.
 */
class ObjectEncodingMatchesRedisTest {
    @RegisterExtension
    static final Differential diff = new Differential();

    @Test
    void stringsAndLists() {
        diff.reset();
        for (String line : List.of("set k 12345", "set e abc", "set r " + "x".repeat(45), "append k 6",
                "incr n", "incrbyfloat f 1.5", "setrange e 1 z", "rpush l a b")) {
            diff.check(line);
        }
        for (String key : List.of("k", "e", "r", "n", "f", "l")) diff.check("object encoding " + key);
    }

    @Test
    void setsGoFromIntsetToHashtableAndStay() {
        diff.reset();
        grow("sadd", "ints", 512, i -> List.of(Integer.toString(i)), "object encoding ints");
        diff.check("sadd ints 512");
        diff.check("object encoding ints");
        diff.check("srem ints 512 511 510");
        diff.check("object encoding ints");
        diff.check("sadd words 1 a");
        diff.check("object encoding words");
        diff.check("sadd big 9223372036854775807 -9223372036854775808");
        diff.check("object encoding big");
    }

    @Test
    void hashesGoFromListpackToHashtableAndStay() {
        diff.reset();
        grow("hset", "h", 512, i -> List.of("f" + i, "v"), "object encoding h");
        diff.check("hset h f512 v");
        diff.check("object encoding h");
        diff.check("hdel h f512 f511");
        diff.check("object encoding h");
        diff.check("hset long f " + "v".repeat(65));
        diff.check("object encoding long");
    }

    @Test
    void sortedSetsGoFromListpackToSkiplistAndStay() {
        diff.reset();
        grow("zadd", "z", 128, i -> List.of(Integer.toString(i), "m" + i), "object encoding z");
        diff.check("zadd z 1 m128");
        diff.check("object encoding z");
        diff.check("zrem z m128 m127");
        diff.check("object encoding z");
        diff.check("zadd long 1 " + "m".repeat(65));
        diff.check("object encoding long");
        diff.check("zunionstore u 1 z");
        diff.check("object encoding u");
    }

    /** Adds {@code n} elements one command at a time, checking the encoding after each. */
    private static void grow(String command, String key, int n, java.util.function.IntFunction<List<String>> element,
                             String check) {
        for (int i = 0; i < n; i++) {
            List<String> argv = new ArrayList<>(List.of(command, key));
            argv.addAll(element.apply(i));
            diff.check(String.join(" ", argv));
            if (i % 64 == 0 || i == n - 1) diff.check(check);
        }
    }
}
