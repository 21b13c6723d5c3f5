package io.memstone.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random commands over every type, for differential runs through a gateway or a cluster.
 * Keys share one hash tag, so multi-key commands stay in one slot; only commands whose replies
 * are determined by the data are drawn (no SPOP, RANDOMKEY, SCAN cursors), and TTLs are long, so
 * a redis-server given the same sequence must reply the same (up to {@link ReplyComparison}).
 */
public final class MixedCommands {
    private static final String[] KEYS = {"{m}k0", "{m}k1", "{m}k2", "{m}k3", "{m}k4", "{m}k5"};
    private static final String[] ELEMENTS = {"a", "b", "c", "1", "2", "10", "-3", "", "x y"};
    private static final String[] NUMBERS = {"0", "1", "-1", "2", "5", "-5", "100", "abc", "1.5"};

    private final Random r;

    public MixedCommands(long seed) {
        this.r = new Random(seed);
    }

    /** Every key the commands use: read them all at the end of a run to compare final states. */
    public static List<String> keys() {
        return List.of(KEYS);
    }

    public List<String> next() {
        String k = pick(KEYS);
        switch (r.nextInt(40)) {
            case 0: return List.of("set", k, pick(ELEMENTS));
            case 1: return List.of("get", k);
            case 2: return List.of("incrby", k, pick(NUMBERS));
            case 3: return List.of("append", k, pick(ELEMENTS));
            case 4: return List.of("getrange", k, pick(NUMBERS), pick(NUMBERS));
            case 5: return List.of("setrange", k, pick("0", "1", "3"), pick(ELEMENTS));
            case 6: return List.of("mset", k, pick(ELEMENTS), pick(KEYS), pick(ELEMENTS));
            case 7: return List.of("setbit", k, pick("0", "7", "9", "100"), pick("0", "1"));
            case 8: return List.of("bitcount", k);
            case 9: return List.of(pick("lpush", "rpush"), k, pick(ELEMENTS), pick(ELEMENTS));
            case 10: return List.of(pick("lpop", "rpop"), k);
            case 11: return List.of("lrange", k, pick(NUMBERS), pick(NUMBERS));
            case 12: return List.of("lmove", k, pick(KEYS), pick("left", "right"), pick("left", "right"));
            case 13: return List.of("hset", k, pick(ELEMENTS), pick(ELEMENTS), pick(ELEMENTS), pick(ELEMENTS));
            case 14: return List.of("hget", k, pick(ELEMENTS));
            case 15: return List.of("hdel", k, pick(ELEMENTS));
            case 16: return List.of("hincrby", k, pick(ELEMENTS), pick(NUMBERS));
            case 17: return List.of("hgetall", k);
            case 18: return List.of("sadd", k, pick(ELEMENTS), pick(ELEMENTS));
            case 19: return List.of("srem", k, pick(ELEMENTS));
            case 20: return List.of("smembers", k);
            case 21: return List.of(pick("sinterstore", "sunionstore", "sdiffstore"), k, pick(KEYS), pick(KEYS));
            case 22: return List.of("scard", k);
            case 23: return List.of("zadd", k, pick(NUMBERS), pick(ELEMENTS), pick(NUMBERS), pick(ELEMENTS));
            case 24: return List.of("zincrby", k, pick(NUMBERS), pick(ELEMENTS));
            case 25: return List.of("zrange", k, pick(NUMBERS), pick(NUMBERS), "withscores");
            case 26: return List.of("zrangebyscore", k, pick("-inf", "(1", "0"), pick("+inf", "5", "(10"));
            case 27: return List.of("zrem", k, pick(ELEMENTS));
            case 28: return List.of(pick("zunionstore", "zinterstore"), k, "2", pick(KEYS), pick(KEYS));
            case 29: return List.of("zpopmin", k);
            case 30: return List.of("pfadd", k, pick(ELEMENTS), pick(ELEMENTS));
            case 31: return List.of("pfcount", k);
            case 32: return List.of("type", k);
            case 33: return List.of(pick("del", "unlink", "exists"), k, pick(KEYS));
            case 34: return List.of(pick("expire", "pexpire"), k, pick("100000", "200000", "-1"));
            case 35: return List.of("ttl", k);
            case 36: return List.of("persist", k);
            case 37: return List.of(pick("rename", "renamenx"), k, pick(KEYS));
            case 38: return List.of("copy", k, pick(KEYS), pick("replace", "REPLACE"));
            default: return List.of("dbsize");
        }
    }

    /** Commands that read every key whole: the reader of its type answers, the others say WRONGTYPE. */
    public static List<List<String>> readAll() {
        List<List<String>> out = new ArrayList<>();
        for (String k : KEYS) {
            out.add(List.of("type", k));
            out.add(List.of("get", k));
            out.add(List.of("lrange", k, "0", "-1"));
            out.add(List.of("hgetall", k));
            out.add(List.of("smembers", k));
            out.add(List.of("zrange", k, "0", "-1", "withscores"));
        }
        return out;
    }

    private String pick(String... options) {
        return options[r.nextInt(options.length)];
    }
}
