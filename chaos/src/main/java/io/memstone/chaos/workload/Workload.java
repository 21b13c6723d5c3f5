package io.memstone.chaos.workload;

import io.memstone.chaos.checker.Checker;
import io.memstone.chaos.history.Op;
import java.util.List;
import java.util.Random;
import redis.clients.jedis.Jedis;

/** What clients do to the cluster, and the checker that judges the history. Implementations are thread-safe. */
public interface Workload {
    String name();

    /** The next operation for a client to run. */
    Invocation next(Random random);

    /** Runs the operation; returns the value of its ok completion, throws when it did not complete ok. */
    Object apply(Jedis jedis, Op invoke);

    /** Keys to read once more after the faults are healed (the final reads). */
    List<String> finalReadKeys();

    Checker checker();

    /** An operation to invoke. */
    record Invocation(Op.Fn f, String key, Object value) {}

    /**
     * Thrown by {@link #apply} when the operation definitely took no effect and the connection is
     * fine (a compare-and-set whose compare failed, a transaction EXEC aborted): a fail, not an info.
     */
    final class NotApplied extends RuntimeException {
        public NotApplied(String why) {
            super(why, null, false, false);
        }
    }
}
