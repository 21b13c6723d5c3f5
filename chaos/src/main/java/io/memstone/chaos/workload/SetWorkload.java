package io.memstone.chaos.workload;

import io.memstone.chaos.checker.Checker;
import io.memstone.chaos.checker.SetChecker;
import io.memstone.chaos.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;

/** SADD of unique elements to a few sets, read whole (SMEMBERS) once at the end. */
final class SetWorkload implements Workload {
    private static final List<String> KEYS = List.of("set:0", "set:1");
    private final AtomicLong elements = new AtomicLong();

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Invocation next(Random random) {
        return new Invocation(Op.Fn.ADD, KEYS.get(random.nextInt(KEYS.size())), Long.toString(elements.getAndIncrement()));
    }

    @Override
    public Object apply(Jedis jedis, Op invoke) {
        if (invoke.isRead()) return new ArrayList<>(jedis.smembers(invoke.key()));
        jedis.sadd(invoke.key(), (String) invoke.value());
        return invoke.value();
    }

    @Override
    public List<String> finalReadKeys() {
        return KEYS;
    }

    @Override
    public Checker checker() {
        return new SetChecker();
    }
}
