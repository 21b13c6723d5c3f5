package io.memstone.engine;

import com.google.protobuf.ByteString;
import io.memstone.proto.Command;
import io.memstone.proto.CommandBatch;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A keyspace of every type (small and large encodings, keys with expiries that pass while it
 * runs) and random log entries that change it every way a snapshot must survive: overwrites,
 * deletes, renames and copies, in-place changes of each type, new keys, expiries set, removed
 * and reached (lazy deletes). Deterministic for a seed.
 */
final class SnapshotWorkload {
    static final long T0 = 1_700_000_000_000L;
    /** Keys per family; "n" keys do not exist until commands create them. */
    private static final int N = 1500;
    private static final int HOT = 40;
    private static final String[] FAMILIES = {"s", "s", "l", "h", "z", "t", "n", "n", "big-"};

    private final Random random;
    private long now = T0;
    private long seed;

    SnapshotWorkload(long seed) {
        this.random = new Random(seed);
    }

    /** A new engine loaded with the workload's keys (about 6,000). */
    Engine loaded() {
        Engine engine = new Engine();
        for (int i = 0; i < N; i++) {
            apply(engine, "set", "s" + i, "value " + i);
            if (i % 3 == 0) apply(engine, "pexpireat", "s" + i, Long.toString(T0 + 1 + random.nextInt(20_000)));
            if (i % 7 == 0) apply(engine, "expire", "s" + i, "100000");
            apply(engine, "rpush", "l" + i, "a" + i, "b", "c");
            apply(engine, "hset", "h" + i, "f", "v" + i, "g", "w");
            apply(engine, "zadd", "z" + i, "1", "a", Integer.toString(i), "b");
            apply(engine, "sadd", "t" + i, Integer.toString(i), i % 2 == 0 ? "x" : "7");
        }
        for (int i = 0; i < 700; i++) {
            apply(engine, "hset", "big-hash", "field" + i, "v" + i);
            apply(engine, "zadd", "big-zset", Integer.toString(i % 31), "member" + i);
            apply(engine, "sadd", "big-set", "member" + i);
            apply(engine, "rpush", "big-list", "element" + i);
        }
        return engine;
    }

    /** Applies {@code n} random commands, one log entry each, a few ms apart. */
    void mutate(Engine engine, int n) {
        for (int i = 0; i < n; i++) {
            now += random.nextInt(4);
            apply(engine, command());
        }
    }

    private String[] command() {
        String k = key();
        String v = "v" + random.nextInt(100);
        switch (random.nextInt(34)) {
            case 0: return new String[] {"set", k, v};
            case 1: return new String[] {"set", k, v, "keepttl"};
            case 2: return new String[] {"set", k, v, "px", Integer.toString(1 + random.nextInt(3000))};
            case 3: return new String[] {"del", k, key()};
            case 4: return new String[] {"unlink", k};
            case 5: return new String[] {"rename", k, key()};
            case 6: return new String[] {"renamenx", k, key()};
            case 7: return new String[] {"copy", k, key(), "replace"};
            case 8: return new String[] {"append", k, v};
            case 9: return new String[] {"setrange", k, "2", "zz"};
            case 10: return new String[] {"incrby", k, "3"};
            case 11: return new String[] {"setbit", k, Integer.toString(random.nextInt(200)), "1"};
            case 12: return new String[] {"hset", k, "f" + random.nextInt(10), v};
            case 13: return new String[] {"hdel", k, "f"};
            case 14: return new String[] {"hincrby", k, "n", "1"};
            case 15: return new String[] {"lpush", k, v};
            case 16: return new String[] {"rpop", k};
            case 17: return new String[] {"lmove", k, key(), "left", "right"};
            case 18: return new String[] {"lset", k, "0", v};
            case 19: return new String[] {"sadd", k, v};
            case 20: return new String[] {"srem", k, "x"};
            case 21: return new String[] {"spop", k};
            case 22: return new String[] {"smove", k, key(), "7"};
            case 23: return new String[] {"zadd", k, Integer.toString(random.nextInt(9)), v};
            case 24: return new String[] {"zincrby", k, "2", "a"};
            case 25: return new String[] {"zrem", k, "b"};
            case 26: return new String[] {"expire", k, Integer.toString(1 + random.nextInt(5))};
            case 27: return new String[] {"pexpireat", k, Long.toString(now + random.nextInt(2000))};
            case 28: return new String[] {"persist", k};
            case 29: return new String[] {"getdel", k};
            case 30: return new String[] {"getex", k, "px", "100"};
            case 31: return new String[] {"sunionstore", k, key(), key()};
            case 32: return new String[] {"zunionstore", k, "2", key(), key()};
            default: return new String[] {"pfadd", k, v};
        }
    }

    private String key() {
        String family = FAMILIES[random.nextInt(FAMILIES.length)];
        if (family.equals("big-")) return family + new String[] {"hash", "zset", "set", "list"}[random.nextInt(4)];
        // Half the time a hot key, so keys change several times before the walk reaches them.
        return family + random.nextInt(random.nextBoolean() ? HOT : N);
    }

    void apply(Engine engine, String... argv) {
        Command.Builder c = Command.newBuilder();
        for (String a : argv) c.addArgs(ByteString.copyFrom(a, StandardCharsets.UTF_8));
        engine.apply(CommandBatch.newBuilder().setTimestampMs(now).setSeed(seed++).addCommands(c).build());
    }
}
