package io.memstone.chaos.workload;

import io.memstone.chaos.checker.Checker;
import io.memstone.chaos.checker.LinearizabilityChecker;
import io.memstone.chaos.history.Op;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/**
 * GET, SET and compare-and-set of unique values on a few keys at a time; the keys are replaced
 * every {@link #OPS_PER_GENERATION} operations so each key's history stays small enough to
 * search. A compare-and-set expects the value last written to the key and is done one of two
 * ways: WATCH, GET, then MULTI/SET/EXEC (the transaction path: EXEC must abort when the key
 * changed after WATCH), or one EVAL that compares and sets (the script path).
 */
final class RegisterWorkload implements Workload {
    private static final int KEYS = 3;
    private static final int OPS_PER_GENERATION = 900;
    static final String CAS_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2]) "
            + "return 1 else return 0 end";
    private final AtomicLong ops = new AtomicLong();
    /** The value last proposed for each key: what a compare-and-set expects. */
    private final Map<String, String> lastWritten = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "register";
    }

    @Override
    public Invocation next(Random random) {
        long n = ops.getAndIncrement();
        String key = "register:" + n / OPS_PER_GENERATION + ":" + random.nextInt(KEYS);
        int dice = random.nextInt(5);
        String expected = lastWritten.get(key);
        if (dice < 2) return new Invocation(Op.Fn.READ, key, null);
        String value = Long.toString(n);
        lastWritten.put(key, value);
        if (dice == 4 && expected != null) return new Invocation(Op.Fn.CAS, key, List.of(expected, value));
        return new Invocation(Op.Fn.WRITE, key, value);
    }

    @Override
    public Object apply(Jedis jedis, Op invoke) {
        if (invoke.isRead()) return jedis.get(invoke.key());
        if (invoke.f() == Op.Fn.CAS) return compareAndSet(jedis, invoke);
        String reply = jedis.set(invoke.key(), (String) invoke.value());
        if (!"OK".equals(reply)) throw new IllegalStateException("SET replied " + reply);
        return invoke.value();
    }

    private static Object compareAndSet(Jedis jedis, Op invoke) {
        List<?> pair = (List<?>) invoke.value();
        String expected = (String) pair.get(0);
        String value = (String) pair.get(1);
        // Odd values go through a transaction, even ones through a script: both paths, evenly.
        if (Long.parseLong(value) % 2 == 0) {
            Object applied = jedis.eval(CAS_SCRIPT, List.of(invoke.key()), List.of(expected, value));
            if (!Long.valueOf(1).equals(applied)) throw new NotApplied("EVAL compare failed");
            return invoke.value();
        }
        jedis.watch(invoke.key());
        if (!expected.equals(jedis.get(invoke.key()))) {
            jedis.unwatch();
            throw new NotApplied("compare failed");
        }
        Transaction t = jedis.multi();
        t.set(invoke.key(), value);
        List<Object> replies = t.exec();
        if (replies == null || replies.isEmpty()) throw new NotApplied("EXEC aborted: the key changed after WATCH");
        if (!"OK".equals(replies.get(0))) throw new IllegalStateException("SET in MULTI replied " + replies.get(0));
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
