package io.memstone.chaos.workload;

import io.memstone.chaos.checker.Checker;
import io.memstone.chaos.checker.CounterChecker;
import io.memstone.chaos.history.Op;
import java.util.List;
import java.util.Random;
import redis.clients.jedis.Jedis;

/** INCRBY of 1..5 on one counter, with a read (GET) every fourth operation or so. */
final class CounterWorkload implements Workload {
    private static final String KEY = "counter";

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public Invocation next(Random random) {
        return random.nextInt(4) == 0 ? new Invocation(Op.Fn.READ, KEY, null)
                : new Invocation(Op.Fn.ADD, KEY, (long) (1 + random.nextInt(5)));
    }

    @Override
    public Object apply(Jedis jedis, Op invoke) {
        if (!invoke.isRead()) {
            jedis.incrBy(invoke.key(), (Long) invoke.value());
            return invoke.value();
        }
        String value = jedis.get(invoke.key());
        return value == null ? null : Long.parseLong(value);
    }

    @Override
    public List<String> finalReadKeys() {
        return List.of(KEY);
    }

    @Override
    public Checker checker() {
        return new CounterChecker();
    }
}
