package io.memstone.chaos.workload;

import io.memstone.chaos.checker.Checker;
import io.memstone.chaos.checker.LinearizabilityChecker;
import io.memstone.chaos.history.Op;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;

/**
 * GET and SET of unique values on a few keys at a time; the keys are replaced every
 * {@link #OPS_PER_GENERATION} operations so each key's history stays small enough to search.
 * Compare-and-set joins when the gateway has MULTI/WATCH or scripting.
 */
final class RegisterWorkload implements Workload {
    private static final int KEYS = 3;
    private static final int OPS_PER_GENERATION = 900;
    private final AtomicLong ops = new AtomicLong();

    @Override
    public String name() {
        return "register";
    }

    @Override
    public Invocation next(Random random) {
        long n = ops.getAndIncrement();
        String key = "register:" + n / OPS_PER_GENERATION + ":" + random.nextInt(KEYS);
        return random.nextBoolean() ? new Invocation(Op.Fn.READ, key, null) : new Invocation(Op.Fn.WRITE, key, Long.toString(n));
    }

    @Override
    public Object apply(Jedis jedis, Op invoke) {
        if (invoke.isRead()) return jedis.get(invoke.key());
        String reply = jedis.set(invoke.key(), (String) invoke.value());
        if (!"OK".equals(reply)) throw new IllegalStateException("SET replied " + reply);
        return invoke.value();
    }

    @Override
    public List<String> finalReadKeys() {
        return List.of();
    }

    @Override
    public Checker checker() {
        return new LinearizabilityChecker();
    }
}
