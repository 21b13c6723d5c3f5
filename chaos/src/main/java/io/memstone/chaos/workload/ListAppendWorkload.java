package io.memstone.chaos.workload;

import io.memstone.chaos.checker.Checker;
import io.memstone.chaos.checker.ListAppendChecker;
import io.memstone.chaos.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;

/**
 * RPUSH of unique values and whole-list reads (LRANGE 0 -1) on a few keys, replaced every
 * {@link #OPS_PER_GENERATION} operations so reads stay short. Reads go in MULTI once the gateway
 * has transactions.
 */
final class ListAppendWorkload implements Workload {
    private static final int KEYS = 4;
    private static final int OPS_PER_GENERATION = 2000;
    private final AtomicLong ops = new AtomicLong();
    private final Set<String> keys = new ConcurrentSkipListSet<>();

    @Override
    public String name() {
        return "list-append";
    }

    @Override
    public Invocation next(Random random) {
        long n = ops.getAndIncrement();
        String key = "list:" + n / OPS_PER_GENERATION + ":" + random.nextInt(KEYS);
        keys.add(key);
        return random.nextBoolean() ? new Invocation(Op.Fn.READ, key, null) : new Invocation(Op.Fn.APPEND, key, Long.toString(n));
    }

    @Override
    public Object apply(Jedis jedis, Op invoke) {
        if (invoke.isRead()) return new ArrayList<>(jedis.lrange(invoke.key(), 0, -1));
        jedis.rpush(invoke.key(), (String) invoke.value());
        return invoke.value();
    }

    @Override
    public List<String> finalReadKeys() {
        return List.copyOf(keys);
    }

    @Override
    public Checker checker() {
        return new ListAppendChecker();
    }
}
